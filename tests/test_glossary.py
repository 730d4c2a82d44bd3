"""Each glossary word is defined once, shows as a tooltip wherever it appears, and is listed
on the glossary page."""

import re

from devtools.site import ROOT
from sitecheck.core.page_tree import parse, text_of
from sitecheck.rules.page.glossary import SNIPPET, definitions, read_terms
from tests.checks.problems import assert_none, report
from tests.conftest import page

# The words the issue asks the glossary to explain, in the form the pages use.
REQUIRED_TERMS = [
    "PRP",
    "stem cells",
    "adipose",
    "alopecia",
    "androgenetic alopecia",
    "alopecia areata",
    "local anesthetic",
    "SVF",
    "minoxidil",
    "finasteride",
    "follicles",
    "liposuction",
    "placebo",
    "randomized trial",
]


def test_every_term_is_defined_once_with_a_definition():
    terms, problems = read_terms(ROOT)
    assert_none(problems, f"problems in {SNIPPET}")
    missing = [t for t in REQUIRED_TERMS if t not in definitions(terms)]
    assert not missing, f"{SNIPPET} does not define: {', '.join(missing)}"


def test_glossary_words_show_as_tooltips_on_every_page(built_site):
    assert_none(built_site.findings("glossary"), "glossary words without their tooltip")


def test_some_page_besides_the_glossary_uses_tooltips(built_site):
    used = set()
    for html, source in built_site.sources.items():
        if source != "docs/glossary.md":
            used |= set(re.findall(r"<abbr title=", (built_site.site / html).read_text()))
    assert used, "no page shows a glossary tooltip"


def test_glossary_page_shows_every_definition(built_site):
    article = parse(built_site.site / "glossary/index.html").find(".//article")
    shown = {" ".join(text_of(dt).split()) for dt in article.iter("dt")}
    terms, _ = read_terms(built_site.project)
    missing = [t.term for t in terms if t.text and t.term not in shown]
    assert not missing, f"the glossary page does not list: {missing}"
    assert_none(built_site.findings("glossary"), "the glossary page is incomplete")


# --- negative tests: each plants a fault in a copy and expects the message ---


def test_duplicate_and_empty_definitions_are_reported_with_file_and_line(project):
    lines = project.path(SNIPPET).read_text(encoding="utf-8").splitlines()
    first_prp = next(n for n, line in enumerate(lines, start=1) if line.startswith("*[PRP]:"))
    project.append(SNIPPET, "*[PRP]: A second, different explanation.\n*[trichoscopy]:   \n")
    messages = report(read_terms(project.root)[1], "")
    assert (
        f"{SNIPPET}:{len(lines) + 1}: 'PRP' is defined twice (first on line {first_prp})"
        in messages
    )
    assert f"{SNIPPET}:{len(lines) + 2}: 'trichoscopy' has an empty definition" in messages
    assert "Fix: keep one definition and delete the other" in messages


def test_malformed_definition_line_is_reported(project):
    project.append(SNIPPET, "PRP = platelet-rich plasma\n")
    lines = project.path(SNIPPET).read_text(encoding="utf-8").splitlines()
    messages = report(read_terms(project.root)[1], "")
    assert f"{SNIPPET}:{len(lines)}: this line is not a glossary definition" in messages


def test_word_without_tooltip_and_overridden_definition_are_reported(project):
    project.write(
        "docs/raw.md",
        page(
            "Raw",
            "Text before.\n\n<div>PRP is written inside HTML here.</div>\n\n"
            '<div>We use <abbr title="A different explanation.">minoxidil</abbr> here.</div>',
        ),
    )
    project.replace(
        "mkdocs.yml",
        "      - Glossary: glossary.md",
        "      - Glossary: glossary.md\n      - Raw: raw.md",
    )
    result = project.build()
    messages = report(result.findings("glossary"), "")
    assert "docs/raw.md:13: 'PRP' appears without its glossary tooltip" in messages
    assert "add the 'markdown' attribute" in messages
    assert "docs/raw.md:15: 'minoxidil' shows a different explanation from the glossary" in messages


def test_glossary_page_without_the_list_is_reported(project):
    project.replace("docs/glossary.md", "{{ glossary() }}", "PRP\n:   Written by hand.")
    result = project.build()
    messages = report(result.findings("glossary"), "")
    assert (
        f"docs/glossary.md: 'adipose' from {SNIPPET} is not shown on the glossary page" in messages
    )
    assert "docs/glossary.md: the glossary page explains 'PRP' differently" in messages


def test_a_new_term_needs_writing_only_once(project):
    project.append(SNIPPET, "*[trichoscopy]: A close look at the scalp with a small camera.\n")
    project.append("docs/results.md", "\nWe may use trichoscopy at your check.\n")
    result = project.build(strict=True)
    assert result.returncode == 0, result.output
    # A new medical term is a notice for the medical reviewer (./run deploy waits for it).
    assert [f for f in result.findings() if f.rule != "medical-review"] == []
    glossary = (result.site / "glossary/index.html").read_text(encoding="utf-8")
    assert 'id="trichoscopy"' in glossary
    results = (result.site / "results/index.html").read_text(encoding="utf-8")
    assert (
        '<abbr title="A close look at the scalp with a small camera.">trichoscopy</abbr>' in results
    )
