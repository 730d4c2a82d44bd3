"""Parts that only show after a tap (the phone menu, search results, a glossary tooltip) are
accessible too, in light and dark: axe-core sees only what is on screen when it runs."""

import pytest

from tests.checks.browser_audit import AXE_TAGS, PHONE, PageRecord, Visitor, axe_problems
from tests.checks.problems import assert_none

pytestmark = pytest.mark.browser


def settle(page):
    """Wait until Material's slide and fade transitions end: axe skips what is still off screen
    and measures half-faded text as low contrast."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def open_menu(page):
    page.locator(".md-header label[for=__drawer]").click()
    page.locator(".md-sidebar--primary").wait_for(state="visible")
    settle(page)


def open_search(page):
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("stem", delay=30)
    page.locator(".md-search-result__item").first.wait_for()
    settle(page)


def show_tooltip(page):
    page.locator("article abbr").first.hover()
    page.locator(".md-tooltip2--active").wait_for()
    settle(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_menu_search_and_tooltip_have_no_axe_violations(browser, site_server, scheme):
    visitor = Visitor(browser, scheme=scheme, viewport=PHONE)
    problems = []
    try:
        for name, path, action in [
            ("the open menu", "cost/", open_menu),
            ("search results", "cost/", open_search),
            ("a glossary tooltip", "methods/", show_tooltip),
        ]:
            visitor.open(site_server + path, f"{name} on {path}")
            action(visitor.page)
            visitor.run_axe()
            problems += axe_problems(visitor.record)
    finally:
        visitor.close()
    assert_none(problems, f"axe-core ({', '.join(AXE_TAGS)}) found violations in opened parts")


def test_a_contrast_failure_in_an_opened_part_is_caught(browser, site_server):
    visitor = Visitor(browser, scheme="light", viewport=PHONE)
    try:
        visitor.open(site_server + "cost/", "the open menu on cost/")
        open_menu(visitor.page)
        visitor.page.add_style_tag(content=".md-nav__link { color: #c8c8c8 !important; }")
        visitor.run_axe()
        record: PageRecord = visitor.record
    finally:
        visitor.close()
    text = "\n".join(str(p) for p in axe_problems(record))
    assert "the open menu on cost/ (light): axe color-contrast (serious)" in text
    assert "md-nav__link" in text
