"""Every page builds, is reachable from the menu, is complete, and shows no raw Markdown."""

import pytest

from tests.checks.problems import assert_none, report
from tests.conftest import page


def test_every_markdown_file_yields_a_page_in_the_menu(built_site):
    assert built_site.sources, "no Markdown pages found in docs/"
    assert_none(built_site.findings("menu"), "pages that were not built or not in the menu")


def test_every_page_has_title_one_h1_description_and_content(built_site):
    assert_none(built_site.findings("page-parts"), "incomplete pages")


def test_no_page_shows_unrendered_syntax(built_site):
    assert_none(built_site.findings("leftovers"), "unrendered Markdown or template syntax")


def test_the_engine_saw_every_built_page(built_site):
    # The report is not vacuous: the JSON lists no finding, and the site really has the pages.
    assert len(built_site.html_pages()) >= len(built_site.sources) + 1  # + the 404 page


# --- negative tests: each plants a fault in a copy and expects the message ---


def test_page_removed_from_build_is_reported(project):
    result = project.build()
    (result.site / "about/index.html").unlink()
    messages = report(result.recheck("menu"), "")
    assert "docs/about.md: no HTML page was built (expected about/index.html)" in messages


def test_orphan_page_is_reported(project):
    project.write("docs/orphan.md", page("Orphan", "Nobody links here."))
    result = project.build()
    messages = report(result.findings("menu"), "")
    assert "docs/orphan.md:1: this page is not in the site's menu" in messages
    assert "'- Page title: orphan.md'" in messages


def test_missing_h1_and_description_are_reported(project):
    project.write(
        "docs/bare.md",
        "---\ntitle: Bare\n---\n\n## Only a subheading\n\nSome words here.\n\n# One\n\n# Two\n",
    )
    # No site-wide description either, so the page has none to fall back on.
    config = project.path("mkdocs.yml").read_text(encoding="utf-8").split("\n")
    start = config.index("site_description: >-")
    end = next(i for i in range(start + 1, len(config)) if not config[i].startswith(" "))
    project.write("mkdocs.yml", "\n".join(config[:start] + config[end:]))
    project.accept_config()  # a developer's change
    result = project.build()
    messages = report(result.findings("page-parts"), "")
    assert "docs/bare.md: the page has 2 top-level headings" in messages
    assert "docs/bare.md: the page has no meta description" in messages


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        (
            'Text before.\n\n  !!! warning "Careful"\n      Text under it.',
            13,
            "an admonition ('!!! note') was not rendered",
        ),
        (
            'Text before.\n\n  ??? note "More"\n      Hidden text.',
            13,
            "a collapsible box ('??? note') was not rendered",
        ),
        (
            'Text before.\n\n  === "Men"\n      For men.',
            13,
            "a tab ('=== \"Tab\"') was not rendered",
        ),
        (
            "Intro.\n\n-8<- glossary.md --8<-- bad",
            13,
            "a snippet include ('--8<--') was not rendered",
        ),
        ("Call us on {{ '{{' }} clinic.phone }}.", 11, "a '{{ ... }}' value was not filled in"),
        (
            "Read the [cost page] (cost.md) first.",
            11,
            "a link '[text](page.md)' was not turned into a link",
        ),
        (
            "Read the [cost page](cost.md first.",
            11,
            "a link '[text](page.md)' was not turned into a link",
        ),
        ("A :material-nosuchicon: icon.", 11, "an icon code was not recognised"),
        (
            "1. First source. {: #first }\n2. Second source.",
            11,
            "an attribute list ('{: #id }' or '{ .class }') was not applied",
        ),
    ],
)
def test_unrendered_syntax_is_reported_with_source_line(project, body, line, expected):
    project.write("docs/typo.md", page("Typo", body))
    result = project.build()
    messages = report(result.findings("leftovers"), "")
    assert f"docs/typo.md:{line}: {expected}" in messages
    assert "Fix:" in messages


def test_template_syntax_in_front_matter_is_reported(project):
    project.write(
        "docs/meta.md",
        page("Meta", "Body text here.").replace(
            "A test page planted by a negative test.", "Prices at {{ clinic.name }}."
        ),
    )
    result = project.build()
    messages = report(result.findings("leftovers"), "")
    assert "docs/meta.md:3: a '{{ ... }}' value was not filled in" in messages
