"""Built pages are valid HTML (Nu checker: zero errors) with valid structured data."""

import json
import os

import pytest

from sitecheck.core.page_tree import parse
from tests.checks.nu import missing_tool_message, nu_problems
from tests.checks.problems import assert_none, report
from tests.checks.structured_data import reviewer_named, structured_data_problems
from tests.checks.theme_parts import edit_link_problems
from tests.conftest import page


@pytest.fixture(scope="session")
def nu_ready():
    message = missing_tool_message()
    if message:
        # Never skipped: ./run test installs the checker, so a missing one is a real fault.
        pytest.fail(message + (" (CI)" if os.environ.get("CI") else ""))


def test_every_page_has_zero_nu_errors(nu_ready, built_site):
    assert_none(nu_problems(built_site), "the Nu HTML checker found errors")


def test_invalid_html_in_a_page_is_caught(nu_ready, project):
    project.write(
        "docs/planted.md",
        page("Planted", 'Press <button type="fancy">here</button> to continue.'),
    )
    build = project.build()
    assert build.returncode == 0, build.output
    text = report(nu_problems(build), "planted")
    assert "1 problem(s)" in text, text
    assert "docs/planted.md (built planted/index.html, line " in text
    assert "Bad value “fancy” for attribute “type” on element “button”." in text
    assert "Fix: correct the HTML written in the Markdown page" in text


def test_every_content_page_has_structured_data(built_site):
    assert_none(structured_data_problems(built_site), "structured data is missing or invalid")


def test_structured_data_uses_front_matter_and_stays_valid_json(project):
    project.write(
        "docs/planted.md",
        page("A “quoted” </script> title", "Text.").replace(
            "reviewed_by: Clinic medical team",
            # The title carries the characters JSON and HTML must escape; the procedure is plain
            # words, as the front-matter rule now requires of what the theme prints.
            "reviewed_by: Clinic medical team\nprocedure: Stem-cell ADSC injections\n"
            "procedure_status: 'Investigational: not approved for hair loss'",
        ),
    )
    # A named clinician checks the pages: only then does a page give its review date.
    project.replace(
        "clinic.yml",
        'reviewer: "TO BE CONFIRMED BY THE CLINIC',
        'reviewer: "our medical director, a dermatologist" # was: "TO BE CONFIRMED BY THE CLINIC',
    )
    build = project.build()
    assert build.returncode == 0, build.output
    assert_none(structured_data_problems(build), "planted page")
    block = parse(build.site / "planted/index.html").xpath(
        '//script[@type="application/ld+json"]/text()'
    )[0]
    data = json.loads(block)
    assert data["name"] == "A “quoted” </script> title"
    assert data["lastReviewed"] == "2026-11-01"
    assert data["medicalAudience"] == {"@type": "Patient"}
    assert data["reviewedBy"]["@type"] == "MedicalOrganization"
    assert data["about"] == {
        "@type": "MedicalProcedure",
        "name": "Stem-cell ADSC injections",
        "legalStatus": "Investigational: not approved for hair loss",
    }


def test_no_review_date_is_claimed_before_a_named_clinician_reviews(built_site):
    """Review 4, F2: the pages' `reviewed` dates predate the pages and no clinician is named
    yet, so neither the review box nor the structured data may show them as a review."""
    assert not reviewer_named(built_site), "this test is for the placeholder reviewer"
    for html in built_site.sources:
        doc = parse(built_site.site / html)
        for block in doc.xpath('//script[@type="application/ld+json"]/text()'):
            assert "lastReviewed" not in json.loads(block), html
        box = " ".join(doc.xpath('string(//aside[@class="hc-trust"])').split())
        assert "Page last reviewed Not yet: no named doctor has checked this page in full" in box


def test_broken_structured_data_is_caught(project):
    project.write(
        "docs/planted.md",
        page("Planted", '<script type="application/ld+json">{"@type": broken</script>'),
    )
    build = project.build()
    text = report(structured_data_problems(build), "planted")
    assert "docs/planted.md: structured data (JSON-LD) is not valid JSON" in text


def test_no_edit_button_and_no_github_widget_on_published_pages(built_site):
    assert_none(edit_link_problems(built_site), "an edit link or the GitHub widget is published")


def test_edit_button_coming_back_is_caught(project):
    project.path("overrides/partials/actions.html").unlink()
    text = report(edit_link_problems(project.build()), "planted")
    assert "docs/cost.md: the published page has an 'edit this page' link" in text


def test_github_widget_coming_back_is_caught(project):
    project.path("overrides/partials/source.html").unlink()
    text = report(edit_link_problems(project.build()), "planted")
    assert "docs/cost.md: Material's repository widget is on the page" in text


def test_no_inline_script_code_or_event_handler(built_site):
    """The engine's one detector (sitecheck/rules/page/csp_inline.py, sitecheck/rules/page/raw_html.py)."""
    assert_none(built_site.recheck("inline-code", "raw-html"), "inline code or event handlers")


def test_inline_script_and_event_handler_are_caught(project):
    project.write(
        "docs/planted.md",
        page(
            "Planted",
            '<script>alert("hi")</script>\n\n<button type="button" onclick="go()">Go</button>',
        ),
    )
    text = report(project.build().findings("inline-code", "raw-html"), "planted")
    assert "2 problem(s)" in text, text
    assert "docs/planted.md:11: raw HTML <script> is not allowed on a page" in text
    assert "docs/planted.md:13: <button onclick=...> runs code in the page" in text


def procedure_statuses(build) -> dict[str, str | None]:
    """Built page -> the legalStatus its JSON-LD gives the treatment (pages about it only)."""
    found = {}
    for html in build.html_pages():
        for block in parse(build.site / html).xpath('//script[@type="application/ld+json"]/text()'):
            about = json.loads(block).get("about") or {}
            if about.get("@type") == "MedicalProcedure":
                found[html] = about.get("legalStatus")
    return found


# Not "Investigational": that is the FDA's word for a product given under an IND, and it would
# tell a paying patient they are in a regulated study (review 4, M1).
NOT_APPROVED = "Not approved by the FDA for hair loss"


def test_treatment_pages_describe_the_procedure_as_not_approved(built_site):
    statuses = procedure_statuses(built_site)
    for html in ("index.html", "methods/index.html", "cost/index.html", "results/index.html"):
        assert html in statuses, f"{built_site.source_of(html)}: add 'procedure:' front matter"
    wrong = {h: s for h, s in statuses.items() if not (s or "").startswith(NOT_APPROVED)}
    assert not wrong, f"structured data must not present the treatment as established: {wrong}"
    assert not any("nvestigational" in (s or "") for s in statuses.values()), statuses


def test_treatment_page_without_not_approved_status_is_caught(project):
    project.replace("docs/cost.md", f'procedure_status: "{NOT_APPROVED}', 'procedure_status: "')
    statuses = procedure_statuses(project.build())
    assert not statuses["cost/index.html"].startswith(NOT_APPROVED)


def unnamed_dialogs(build) -> list[str]:
    """Pages with a role="dialog" element that has no accessible name (screen readers say
    just "dialog")."""
    return [
        build.source_of(html)
        for html in build.html_pages()
        if parse(build.site / html).xpath(
            '//*[@role="dialog"][not(@aria-label) and not(@aria-labelledby)]'
        )
    ]


def test_every_dialog_has_a_name(built_site):
    assert unnamed_dialogs(built_site) == []


def test_dialog_without_a_name_is_caught(project):
    project.write("docs/planted.md", page("Planted", '<div role="dialog">Choose</div>'))
    project.replace(
        "mkdocs.yml", "  - Privacy: privacy.md", "  - Privacy: privacy.md\n  - P: planted.md"
    )
    assert unnamed_dialogs(project.build()) == ["docs/planted.md"]
