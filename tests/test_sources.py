"""Every source the evidence brief requires is on the sources page, and pages cite them."""

import re
import shutil
from dataclasses import replace

import lxml.html

from tests.checks.problems import assert_none, report
from tests.checks.sources import check_citations, check_sources_listed, load_required
from tests.conftest import page

REQUIRED = load_required()


def test_required_list_covers_the_brief():
    # Section 6 of the brief has 20 linked sources; 4 more it cites without a link, and the
    # fact sheet gives their addresses, so every one must link.
    assert len({s.anchor for s in REQUIRED.sources}) == 24
    assert all(s.url for s in REQUIRED.sources)


def test_every_evidence_source_is_on_the_sources_page(built_site):
    assert_none(check_sources_listed(built_site, REQUIRED), "sources missing or incomplete")


def test_pages_about_evidence_safety_or_regulation_cite_a_source(built_site):
    assert_none(check_citations(built_site, REQUIRED), "pages without a link to their sources")


# --- negative tests: each plants a fault in a copy and expects the message ---


def test_missing_and_incomplete_sources_are_all_reported(built_site, tmp_path):
    # The page is generated, so the faults are planted in a copy of the built page.
    site = tmp_path / "site"
    shutil.copytree(built_site.site, site)
    html = site / "sources" / "index.html"
    doc = lxml.html.document_fromstring(html.read_bytes())  # lxml.html: it has drop_tree
    doc.xpath('//*[@id="kieling-2024"]/ancestor::li[1]')[0].drop_tree()
    doc.xpath('//a[@href="https://pmc.ncbi.nlm.nih.gov/articles/PMC8204330"]')[0].drop_tree()
    for part in doc.xpath('//*[@id="bad-tinea-capitis"]')[0].iter():
        part.text = (part.text or "").replace("Grade B.", "")
        part.tail = (part.tail or "").replace("Grade B.", "")
    html.write_bytes(lxml.html.tostring(doc))
    messages = report(check_sources_listed(replace(built_site, site=site), REQUIRED), "")
    assert (
        "docs/sources.md: the source 'Kieling 2024' from the evidence brief is missing "
        "(no entry with the anchor #kieling-2024" in messages
    )
    assert "docs/snippets/sources.yml" in messages  # the fix names the file to edit
    assert re.search(
        r"docs/snippets/sources\.yml:\d+: the entry #zhou-2021 does not link to "
        r"https://pmc\.ncbi\.nlm\.nih\.gov/articles/PMC8204330",
        messages,
    )
    assert re.search(
        r"docs/snippets/sources\.yml:\d+: the entry #bad-tinea-capitis has no grade", messages
    )


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
