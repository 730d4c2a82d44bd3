"""Every source the evidence brief requires is on the sources page, and pages cite them."""

import re

from tests.checks.problems import assert_none, report
from tests.checks.sources import check_citations, check_sources_listed, load_required
from tests.conftest import page

REQUIRED = load_required()


def test_required_list_covers_the_brief():
    # Section 6 of the brief has 20 linked sources; 4 more are cited without a link.
    assert len({s.anchor for s in REQUIRED.sources}) == 24
    assert sum(1 for s in REQUIRED.sources if s.url) == 20


def test_every_evidence_source_is_on_the_sources_page(built_site):
    assert_none(check_sources_listed(built_site, REQUIRED), "sources missing or incomplete")


def test_pages_about_evidence_safety_or_regulation_cite_a_source(built_site):
    assert_none(check_citations(built_site, REQUIRED), "pages without a link to their sources")


# --- negative tests: each plants a fault in a copy and expects the message ---


def test_missing_and_incomplete_sources_are_all_reported(project):
    text = project.path("docs/sources.md").read_text(encoding="utf-8")
    start = text.index("11. Kieling")
    end = text.index("{: #kieling-2024 }") + len("{: #kieling-2024 }\n")
    project.write("docs/sources.md", text[:start] + text[end:])
    project.replace(
        "docs/sources.md",
        "[Read it online](https://pmc.ncbi.nlm.nih.gov/articles/PMC8204330)",
        "Online.",
    )
    project.replace("docs/sources.md", "Tinea capitis.* A leaflet for patients", "Tinea capitis.*")
    project.replace("docs/sources.md", "scalp ringworm, checked in 2026. Grade B.", "")
    result = project.build()
    messages = report(check_sources_listed(result, REQUIRED), "")
    assert (
        "docs/sources.md: the source 'Kieling 2024' from the evidence brief is missing "
        "(no entry with the anchor #kieling-2024" in messages
    )
    assert "{: #kieling-2024 }" in messages  # the fix shows the line to add
    assert re.search(
        r"docs/sources\.md:\d+: the entry #zhou-2021 does not link to "
        r"https://pmc\.ncbi\.nlm\.nih\.gov/articles/PMC8204330",
        messages,
    )
    assert re.search(r"docs/sources\.md:\d+: the entry #bad-tinea-capitis has no grade", messages)


def test_page_without_citations_is_reported(project):
    project.write(
        "docs/side-effects.md",
        page("Side effects", "Injections can cause swelling. Studies found few problems."),
    )
    # A link to a heading of the sources page is not a citation of a source.
    project.write(
        "docs/results.md",
        page("Results", "Trials are small ([see our sources](sources.md#regulators-and-courts))."),
    )
    result = project.build()
    problems = check_citations(result, REQUIRED)
    messages = report(problems, "")
    expected = (
        "this page makes statements about evidence, safety or regulation but links to no source"
    )
    assert f"docs/side-effects.md: {expected}" in messages
    assert f"docs/results.md: {expected}" in messages
    assert "Fix: after each such statement, link to its source" in messages
