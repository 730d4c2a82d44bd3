"""Every built page (404 included) in real Chromium: accessible, private, error-free, fits a phone,
prints its review dates.

The whole site is visited once per session and colour scheme (light on a 360x740 phone, dark on
a desktop); each test below reads one kind of finding from that visit, so a failure lists every
page with that problem at once.
"""

import pytest

from devtools.site import ROOT
from tests.checks.browser_audit import (
    AXE_TAGS,
    audit_site,
    axe_problems,
    overflow_problems,
    print_problems,
    request_problems,
    summary,
)
from tests.checks.problems import assert_none

pytestmark = pytest.mark.browser

REPORT = ROOT / "reports" / "browser-audit.txt"


@pytest.fixture(scope="module")
def site_visit(browser, site_server, built_site):
    records = audit_site(browser, site_server, built_site)
    # A person can read what was found on every page, pass or fail.
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(summary(records), encoding="utf-8")
    return records


def test_every_page_and_scheme_was_visited(site_visit, built_site):
    pages = built_site.html_pages()
    assert "404.html" in pages and "cost/index.html" in pages
    assert len(site_visit) == 2 * len(pages)
    assert {r.where.rsplit(" ", 1)[1] for r in site_visit} == {"(light)", "(dark)"}


def test_no_axe_violations_in_light_and_dark(site_visit):
    problems = [p for record in site_visit for p in axe_problems(record)]
    assert_none(problems, f"axe-core ({', '.join(AXE_TAGS)}) found accessibility violations")


def test_no_third_party_request_console_error_failed_request_or_cookie(site_visit):
    problems = [p for record in site_visit for p in request_problems(record)]
    assert_none(problems, "pages contacted other hosts, failed to load something or set cookies")


def test_nothing_overflows_a_360px_phone(site_visit):
    problems = [p for record in site_visit for p in overflow_problems(record)]
    assert_none(problems, "pages are wider than a 360 px phone screen")


def test_print_shows_review_dates_and_disclaimer_without_navigation(site_visit):
    printed = [r for r in site_visit if r.where.endswith("(light)") and "404" not in r.where]
    assert printed, "no page was printed"
    problems = [p for record in printed for p in print_problems(record)]
    assert_none(problems, "printed pages miss the review dates/disclaimer or show navigation")
