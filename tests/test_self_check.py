"""The eligibility self-check, in real Chromium over HTTP: keyboard, answers, privacy, navigation."""

import contextlib

import pytest

from devtools.chromium import new_context
from devtools.serve import serve
from sitecheck.core.config import load_config
from tests.checks.problems import assert_none, report
from tests.checks.self_check import (
    BOX,
    BOXES,
    PAGE,
    RESULT,
    check_after_instant_navigation,
    check_every_answer,
    check_keyboard_only,
    check_sends_and_stores_nothing,
)
from tests.conftest import ProjectCopy

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def served_at_its_site_url(project: ProjectCopy, served: dict[str, str] | None = None):
    """Build `project` for the address it is served at, as a real deploy is; `served`: files
    written into the built site afterwards (what the build's own checks never saw).

    Material's instant navigation only takes over links listed in sitemap.xml, rewriting
    their host but not their port, so a site built for another address reloads every page.
    """
    with serve(project.path("site")) as base_url:
        old = load_config(project.path("mkdocs.yml"))["site_url"]
        project.replace("mkdocs.yml", f"site_url: {old}", f"site_url: {base_url}")
        project.accept_config()  # the deploy address: a developer's setting
        built = project.build()
        assert built.returncode == 0, built.output
        for name, text in (served or {}).items():
            (built.site / name).write_text(text, encoding="utf-8")
        yield base_url


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory):
    with served_at_its_site_url(ProjectCopy(tmp_path_factory.mktemp("instant"))) as base_url:
        yield base_url


def open_check(page, base_url):
    page.goto(base_url + PAGE)
    page.locator(f"{BOX}[data-self-check-ready]").wait_for()


def test_self_check_works_with_the_keyboard_only(site_server, browser_page):
    open_check(browser_page, site_server)
    assert_none(check_keyboard_only(browser_page), "self-check and the keyboard")


def test_every_answer_ends_with_the_next_step_and_never_says_eligible(site_server, browser_page):
    open_check(browser_page, site_server)
    assert browser_page.locator(BOXES).count() >= 8
    assert_none(check_every_answer(browser_page), "self-check answers")


def test_self_check_sends_stores_and_changes_nothing(site_server, browser_page):
    open_check(browser_page, site_server)
    assert_none(check_sends_and_stores_nothing(browser_page), "self-check privacy")
    assert browser_page.context.cookies() == []


def test_self_check_works_after_instant_navigation(instant_site, browser_page):
    assert_none(
        check_after_instant_navigation(browser_page, instant_site),
        "self-check after instant navigation",
    )


def test_arrival_wait_ignores_the_address_part(site_server, browser_page):
    """The failure on a busy machine: navigation.tracking had carried the home page's #part to
    the eligibility page's address, and a wait for the whole address never matched."""
    from devtools.chromium import wait_for_path

    browser_page.goto(site_server + PAGE + "#key-facts-at-a-glance")
    wait_for_path(browser_page, PAGE)  # the path matches, whatever follows '#'
    assert browser_page.url.endswith(f"/{PAGE}#key-facts-at-a-glance")


def test_page_makes_sense_without_javascript(site_server, browser):
    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_server + PAGE)
        page.locator(BOXES).first.check()  # native boxes still tick
        assert page.locator(f"{BOXES}:checked").count() == 1
        assert "If you ticked any sentence" in page.locator(RESULT).inner_text()
        closing = page.locator(BOX).locator("p").last
        assert "talk to your doctor" in closing.inner_text()
        assert closing.locator('a[href$="contact/"]').count() == 1
    finally:
        context.close()


# --- negative test: a self-check that breaks every rule ---

FAULTY_SCRIPT = """
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-self-check]");
  if (!box) return;
  box.setAttribute("data-self-check-ready", "");
  var result = box.querySelector("[data-self-check-result]");
  box.addEventListener("change", function () {
    localStorage.setItem("answers", "ticked");
    document.cookie = "ticked=1; path=/";
    fetch("/collect?answers=1").catch(function () {});
    document.title = "You qualify";
    result.textContent = "Good news: you are eligible for treatment!";
  });
});
"""


def test_faulty_self_check_is_reported_with_every_fault(project, browser):
    # The build refuses such a script (sitecheck/rules/project/scripts.py); the browser checks
    # are the second guard, so the script is served as if it had slipped past the build.
    problems = []
    with served_at_its_site_url(project, {"javascripts/self-check.js": FAULTY_SCRIPT}) as base_url:
        for check in (
            check_keyboard_only,
            check_every_answer,
            check_sends_and_stores_nothing,
            "navigation",
        ):
            context = new_context(browser)
            page = context.new_page()
            try:
                if check == "navigation":
                    problems += check_after_instant_navigation(page, base_url)
                else:
                    open_check(page, base_url)
                    problems += check(page)
            finally:
                context.close()
    messages = report(problems, "")
    for expected in [
        "docs/javascripts/self-check.js: with two boxes ticked by keyboard the self-check gives "
        "a verdict: “Good news: you are eligible for treatment!”",
        "with only box 1 ticked (one of the clinic's rules) the answer offers a consultation",
        "ticking boxes made network requests: http://127.0.0.1",
        "/collect?answers=1",
        "ticking boxes wrote cookies, localStorage or sessionStorage",
        "ticking boxes changed the page outside the self-check",
        "after instant navigation the self-check did not answer",
        "Fix: set it up inside Material's document$.subscribe(...)",
    ]:
        assert expected in messages, f"not reported: {expected}\n\n{messages}"


def test_self_check_that_offers_booking_for_a_sign_of_another_cause_is_caught(project, browser):
    """Review 4, H4: a sudden, patchy, sore or scarred scalp, or loss after a new medicine,
    needs the reader's own doctor or a dermatologist first, not a booking with the seller."""
    project.replace(
        "docs/javascripts/self-check.js", "if (doctorFirst > 0) {", "if (doctorFirst < 0) {"
    )
    with served_at_its_site_url(project) as base_url:
        context = new_context(browser)
        page = context.new_page()
        try:
            open_check(page, base_url)
            messages = report(check_every_answer(page), "")
        finally:
            context.close()
    assert "(a sign that something else causes the hair loss) the answer does not send" in (
        messages
    ), messages
    assert "with only box 1 ticked" not in messages, messages  # "I am under 18": consultation
