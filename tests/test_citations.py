"""Citations name a known source; the sources page lists where each source is cited; the
review report puts each cited sentence beside its source's finding."""

import re
import subprocess
import sys

from devtools.site import ROOT
from sitecheck.core.page_tree import main_content, parse, text_of
from sitecheck.rules.source.citations import (
    SourcesError,
    check_citations,
    known_anchors,
    load_sources,
    pairs,
)
from tests.conftest import page

SOURCES = ROOT / "docs" / "snippets" / "sources.yml"


def sources_entry(site, anchor: str) -> str:
    article = main_content(parse(site / "sources" / "index.html"))
    item = article.xpath("//*[@id=$a]/ancestor::li[1]", a=anchor)[0]
    return " ".join(text_of(item).split())


def test_every_source_has_every_field_and_a_grade():
    sources = load_sources(SOURCES.read_text(encoding="utf-8"))
    assert len(sources) >= 24
    assert all(s.grade in ("A", "B") and s.link.startswith("https://") for s in sources)


def test_every_page_cites_only_known_sources():
    sources = load_sources(SOURCES.read_text(encoding="utf-8"))
    known = known_anchors(sources, (ROOT / "docs" / "sources.md").read_text(encoding="utf-8"))
    findings = []
    for path in sorted((ROOT / "docs").glob("*.md")):
        findings += check_citations(path.read_text(encoding="utf-8"), f"docs/{path.name}", known)
    assert findings == [], "\n".join(map(str, findings))


def test_sources_page_says_where_each_source_is_cited(built_site):
    kang = sources_entry(built_site.site, "kang-2021")
    assert "What it found: In 6 small studies with 188 people" in kang
    assert re.search(r"Cited on: .*How it works.*Results timeline", kang), kang
    medwatch = sources_entry(built_site.site, "fda-medwatch")
    assert "Complaints and reporting a side effect" in medwatch


# --- negative tests ---


def test_unknown_citation_is_named_with_file_line_and_fix():
    raw = page("Bad", "Line one.\n\nPRP helps a little ([Kieling](sources.md#kieling-2042)).")
    findings = check_citations(raw, "docs/bad.md", {"kieling-2024", "kang-2021"})
    assert len(findings) == 1
    text = str(findings[0])
    assert text.startswith("docs/bad.md:13: the citation 'sources.md#kieling-2042' names a source")
    assert "Fix: did you mean #kieling-2024?" in text
    assert "add the source to docs/snippets/sources.yml with 'anchor: kieling-2042'" in text


def test_unknown_citation_stops_the_strict_build(project):
    project.append("docs/cost.md", "\nPrices vary ([Survey](sources.md#price-survey-2025)).\n")
    result = project.build(strict=True)
    assert result.returncode != 0
    assert re.search(
        r"docs/cost\.md:\d+: the citation 'sources\.md#price-survey-2025' names a source that "
        r"is not in docs/snippets/sources\.yml\. Fix:",
        result.output,
    ), result.output
    assert "Traceback" not in result.output


def test_a_new_citation_appears_under_its_source(project):
    project.append(
        "docs/women.md", "\nPRP did not help in one trial ([G](sources.md#gressenberger-2020)).\n"
    )
    result = project.build(strict=True)
    assert result.returncode == 0, result.output
    assert "Hair loss in women" in sources_entry(result.site, "gressenberger-2020")


def test_source_without_a_grade_stops_the_build_naming_its_line(project):
    text = project.path("docs/snippets/sources.yml").read_text(encoding="utf-8")
    line = text.splitlines().index("  - anchor: zhou-2021") + 1
    project.replace(
        "docs/snippets/sources.yml",
        "    grade: A\n    finding: In 42 studies",
        "    finding: In 42 studies",
    )
    result = project.build(strict=True)
    assert result.returncode != 0
    assert (
        f"docs/snippets/sources.yml:{line}: the source #zhou-2021 has no 'grade'. "
        "Fix: add 'grade: ...'" in result.output
    ), result.output


def test_bad_grade_and_repeated_anchor_are_refused():
    text = SOURCES.read_text(encoding="utf-8").replace("grade: B", "grade: C", 1)
    text = text.replace("anchor: gentile-2020", "anchor: gentile-2019")
    try:
        load_sources(text)
    except SourcesError as err:
        messages = "\n".join(map(str, err.findings))
    else:
        raise AssertionError("a grade C and a repeated anchor were accepted")
    assert "has the grade 'C'" in messages
    assert "the anchor #gentile-2019 is used twice" in messages


# --- the review report ---


def test_each_citation_is_paired_with_the_text_since_the_previous_one():
    raw = page(
        "P",
        "Hair grows slowly. [NHS](sources.md#nhs-hair-loss) Studies found gains in **some** "
        "people ([FDA](sources.md#fda-regenerative-medicine), [Kang 2021](sources.md#kang-2021)).\n\n"
        "| Cause | Help |\n| --- | --- |\n| Fungus. | Tablets from a doctor. [BAD](sources.md#bad-tinea-capitis) |",
    )
    found = [(p.line, p.anchor, p.sentence) for p in pairs(raw, {})]
    assert found == [
        (11, "nhs-hair-loss", "Hair grows slowly."),
        (11, "fda-regenerative-medicine", "Studies found gains in some people"),
        (11, "kang-2021", "Studies found gains in some people"),
        (15, "bad-tinea-capitis", "Tablets from a doctor."),
    ]


def run_citations(root) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sitecheck.rules.source.citations"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_report_pairs_each_cited_sentence_with_its_finding(project):
    proc = run_citations(project.root)
    assert proc.returncode == 0, proc.stderr
    report = (project.root / "reports" / "citations.md").read_text(encoding="utf-8")
    assert "## How cells from your own fat might help hair (`docs/how-it-works.md`)" in report
    row = next(line for line in report.splitlines() if "high-dose group lost hair" in line)
    assert "Aesthetic Medicine, reporting the company's results, 2018 (Grade B)" in row
    assert "It said the high-dose group lost hair" in row
    assert row.endswith("| [ ] |")
    assert "cited sentences. Reviewer:" in report


def test_report_command_names_an_unknown_citation_and_fails(project):
    project.append("docs/cost.md", "\nPrices vary ([Survey](sources.md#price-survey-2025)).\n")
    proc = run_citations(project.root)
    assert proc.returncode == 1
    assert "docs/cost.md:" in proc.stderr and "price-survey-2025" in proc.stderr
    report = (project.root / "reports" / "citations.md").read_text(encoding="utf-8")
    assert "UNKNOWN SOURCE" in report


def test_run_script_has_the_citations_command():
    text = (ROOT / "run").read_text(encoding="utf-8")
    assert "  citations)" in text and "sitecheck.rules.source.citations" in text


def test_links_to_other_pages_named_like_sources_are_not_citations():
    raw = page("P", "See [old](other-sources.md#x) and [up](../sources.md#kang-2042).")
    findings = check_citations(raw, "docs/sub/p.md", {"kang-2021"})
    assert [f.what.split("'")[1] for f in findings] == ["sources.md#kang-2042"]
