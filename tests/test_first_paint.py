"""The first screen is drawn from the HTML alone: the stylesheet is in the page, and Material's
bundle and our scripts are fetched only after the first paint (overrides/main.html). Proved in
Chromium: with every request but the page refused, the first screen has the same layout as the
page once its scripts have run, nothing blocks rendering, and nothing shifts."""

from __future__ import annotations

import pytest

from devtools.chromium import new_context
from devtools.serve import serve

pytestmark = pytest.mark.browser

READY = "html[data-hc-scripts='ready']"
# The first screen: header, title, first paragraph, and the menu where it is open beside them.
FIRST_SCREEN = [".md-header", "article h1", "article > p", ".md-sidebar--primary .md-nav__title"]
LAYOUT = """(selectors) => selectors.map((s) => {
  const el = document.querySelector(s);
  if (!el) return [s, null];
  const r = el.getBoundingClientRect();
  return [s, [r.x, r.y, r.width, r.height].map(Math.round)];
})"""
# Layout shifts so far (none reach the page before it is observed: buffered).
SHIFTS = """() => new Promise((resolve) => {
  const observer = new PerformanceObserver(() => {});
  observer.observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => setTimeout(() => {
    resolve(observer.takeRecords().filter((e) => !e.hadRecentInput).map((e) => e.value));
  }));
})"""
BLOCKING = """performance.getEntriesByType("resource")
  .filter((e) => e.renderBlockingStatus === "blocking").map((e) => e.name)"""
# Scripts fetched before the page was parsed compete with it for the first paint.
EARLY = """performance.getEntriesByType("resource")
  .filter((e) => e.initiatorType === "script" || /\\.js$/.test(e.name))
  .filter((e) => e.startTime < performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd)
  .map((e) => e.name)"""
SIZES = [{"width": 360, "height": 740}, {"width": 1280, "height": 800}]


def only_the_page(route):
    document = route.request.resource_type == "document"
    route.continue_() if document else route.abort()


def first_paint_problems(browser, url: str, size: dict) -> list[str]:
    """What keeps the first screen of `url` from being drawn from the HTML alone."""
    problems = []
    bare_context = new_context(browser, viewport=size)
    bare_context.route("**/*", only_the_page)
    try:
        bare = bare_context.new_page()
        bare.goto(url, wait_until="load")
        position = bare.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        if position != "sticky":  # Material's header rule, from the page alone
            problems.append(f"without its files the page is unstyled (header: {position})")
        assert bare.evaluate("typeof document$") == "undefined"  # no script arrived
        before = bare.evaluate(LAYOUT, FIRST_SCREEN)
    finally:
        bare_context.close()

    context = new_context(browser, viewport=size)
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="load")
        tab.wait_for_selector(READY, state="attached")
        if (after := tab.evaluate(LAYOUT, FIRST_SCREEN)) != before:
            problems.append(f"the first screen moves once its files arrive: {before} -> {after}")
        if shifts := tab.evaluate(SHIFTS):
            problems.append(f"layout shifts: {shifts}")
        problems += [f"render-blocking: {name}" for name in tab.evaluate(BLOCKING)]
        problems += [f"fetched while the page was read: {name}" for name in tab.evaluate(EARLY)]
        # Material started (its globals; search and navigation: test_nginx_site.py).
        assert tab.evaluate("typeof document$ === 'object' && typeof location$ === 'object'")
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("size", SIZES, ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["", "cost/", "sources/", "no-such-page/"])
def test_first_screen_needs_no_request_and_scripts_move_nothing(browser, site_server, path, size):
    assert first_paint_problems(browser, site_server + path, size) == []


def test_a_linked_stylesheet_and_early_scripts_are_caught(browser, project):
    project.append(
        "overrides/main.html",
        '\n{% block extrahead %}<link rel="stylesheet" href="{{ \'assets/stylesheets/theme.css\''
        ' | url }}">{% endblock %}\n',
    )
    project.replace(
        "overrides/main.html",
        '<template id="__hc-scripts">{{ super() }}</template>',
        "{{ super() }}",
    )
    built = project.build()
    with serve(built.site) as base_url:
        # The loader still marks the page ready; Material's own tags fetched the scripts early.
        problems = first_paint_problems(browser, base_url + "cost/", SIZES[0])
    assert any(p.startswith("render-blocking: ") and p.endswith("theme.css") for p in problems)
    assert any("fetched while the page was read: " in p and "bundle." in p for p in problems)


def test_without_the_scripts_the_page_is_still_readable(browser, site_server):
    """A patient whose connection drops after the page arrives still reads it: the text, the
    footer is there, styled; only search and the toggles need the scripts."""
    context = new_context(browser, viewport=SIZES[0])
    context.route("**/*", only_the_page)
    try:
        tab = context.new_page()
        tab.goto(site_server + "cost/", wait_until="load")
        assert tab.locator("article h1").is_visible()
        assert tab.locator("article > p").first.is_visible()
        assert tab.locator(".md-footer").count() == 1
        tab.wait_for_selector(READY, state="attached")  # the loader gave up on each script
        assert tab.evaluate("typeof document$") == "undefined"
    finally:
        context.close()
