"""Every page reads at Flesch-Kincaid grade 9 or below, measured on its rendered main text."""

from devtools.site import Build
from sitecheck.rules.page.readability import MIN_WORDS, Reading, grade_report
from tests.checks.problems import assert_none, report
from tests.conftest import page

HARD = (
    "Autologous adipose-derived stromal vascular fraction, notwithstanding considerable "
    "methodological heterogeneity and insufficiently characterised dose-response relationships, "
    "demonstrated statistically significant improvements in terminal hair density among "
    "predominantly androgenetic alopecia populations, although investigators emphasised that "
    "comprehensive randomised evaluations remain indispensable before widespread "
    "implementation. "
)
EASY = "Hair grows from small pockets in the skin. We check your hair at six months. "


def readings(build: Build) -> list[Reading]:
    """The grades the build wrote to reports/readability.txt (one line per page)."""
    lines = (build.project / "reports" / "readability.txt").read_text(encoding="utf-8")
    out = []
    for line in lines.splitlines()[2:]:
        source, grade, words = line.split()[:3]
        out.append(Reading(source, float(grade), int(words)))
    return out


def test_every_page_reads_at_grade_9_or_below(built_site):
    results = readings(built_site)
    print(grade_report(results))
    assert {r.source for r in results} == set(built_site.sources.values())
    assert_none(built_site.findings("readability"), "pages above reading grade 9")


# --- negative tests ---


def test_page_of_long_complex_sentences_fails_naming_file_and_grade(project):
    project.write("docs/complex.md", page("Complex", HARD * 3))
    project.append("docs/cost.md", "\n" + HARD * 8)
    built = project.build()
    results = readings(built)
    messages = report(built.findings("readability"), "")
    graded = {r.source: r for r in results}
    assert graded["docs/complex.md"].grade > 9
    assert (
        f"docs/complex.md: reading grade {graded['docs/complex.md'].grade:.1f} is above 6"
        in messages
    )
    assert "Fix: use shorter sentences" in messages
    # Several faulty pages are all reported, each by its own file.
    assert "docs/cost.md: reading grade" in messages
    assert "TOO HIGH" in grade_report(results)


def test_code_is_not_graded_but_tables_and_lists_are(project):
    code = "```text\n" + HARD * 3 + "\n```"
    project.write("docs/code.md", page("Code", EASY * 6 + "\n\n" + code))
    table = "| Term | Meaning |\n| --- | --- |\n" + f"| Evidence | {HARD} |\n" * 3
    project.write("docs/table.md", page("Table", EASY * 6 + "\n\n" + table))
    project.write("docs/listed.md", page("Listed", EASY * 6 + "\n\n" + f"- {HARD}\n" * 3))
    graded = {r.source: r for r in readings(project.build())}
    assert graded["docs/code.md"].grade <= 9, "text in a code block should not be graded"
    assert graded["docs/table.md"].grade > 9, "text in a table should be graded"
    assert graded["docs/listed.md"].grade > 9, "text in a list should be graded"


def test_table_cells_and_list_items_count_as_sentences(project):
    """Short cells without full stops must not merge into one endless sentence."""
    rows = "".join(f"| Week {n} | Hair may shed | Call us if worried |\n" for n in range(1, 30))
    body = EASY * 3 + "\n\n| When | What | Do |\n| --- | --- | --- |\n" + rows
    project.write("docs/cells.md", page("Cells", body))
    graded = {r.source: r for r in readings(project.build())}
    assert graded["docs/cells.md"].words >= MIN_WORDS
    assert graded["docs/cells.md"].grade <= 9


def test_stub_page_is_listed_but_not_graded(project):
    project.write(
        "docs/stub.md", page("Stub", "Pharmacological considerations necessitate evaluation.")
    )
    built = project.build()
    results = readings(built)
    assert "docs/stub.md" not in report(built.findings("readability"), "")
    assert f"(not graded: fewer than {MIN_WORDS} words)" in grade_report(results)
