"""Keyboard use and offline search in real Chromium, on the home and cost pages."""

import pytest

from devtools.chromium import new_context
from devtools.serve import serve
from tests.checks.browser_keyboard import focus_problems, search_results, skip_link_problems
from tests.conftest import ProjectCopy

pytestmark = pytest.mark.browser

PAGES = ["", "cost/"]


@pytest.fixture(scope="module")
def offline_page(browser):
    """A tab that cannot reach any other host, as if the patient were offline."""
    context = new_context(browser)
    context.route(lambda url: not url.startswith("http://127.0.0.1"), lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_skip_link_reaches_the_content(site_server, offline_page, path):
    assert skip_link_problems(offline_page, site_server + path) == []


@pytest.mark.parametrize("path", PAGES)
def test_keyboard_focus_is_always_visible(site_server, offline_page, path):
    assert focus_problems(offline_page, site_server + path) == []


def cost_page_search_problems(page, base_url: str, build) -> list[str]:
    # A word from the cost page's own heading, so the test follows the page's wording.
    from sitecheck.core.page_tree import parse

    heading = parse(build.site / "cost/index.html").findtext(".//h1").strip()
    word = max(heading.split(), key=len)
    results = search_results(page, base_url, word)
    if any(href.split("?")[0].endswith("/cost/") for href in results):
        return []
    return [f"searching for {word!r} did not list the cost page (results: {results})"]


def test_search_finds_the_cost_page_offline(site_server, offline_page, built_site):
    assert cost_page_search_problems(offline_page, site_server, built_site) == []


# Negative: a stylesheet that hides focus and the skip link, and a site without its search.
HIDE_FOCUS = """
*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }
.md-skip { display: none !important; }
"""


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    project = ProjectCopy(tmp_path_factory.mktemp("keyboard") / "project")
    project.write("docs/planted.css", HIDE_FOCUS)
    project.replace("mkdocs.yml", "extra_css:\n", "extra_css:\n  - planted.css\n")
    project.replace("mkdocs.yml", "plugins:\n  - search\n", "plugins:\n")
    project.accept_config()  # a developer's change, planted
    build = project.build()
    assert build.returncode == 0, build.output
    with serve(build.site) as base_url:
        yield base_url, build


def test_hidden_skip_link_is_caught(broken_site, offline_page):
    base_url, _ = broken_site
    problems = skip_link_problems(offline_page, base_url + "cost/")
    assert problems and "not a 'Skip to content' link" in problems[0], problems


def test_invisible_focus_is_caught(broken_site, offline_page):
    base_url, _ = broken_site
    problems = focus_problems(offline_page, base_url + "cost/")
    assert any("is not visible (no outline or ring)" in p for p in problems), problems


def test_missing_search_is_caught(broken_site, offline_page):
    base_url, build = broken_site
    problems = cost_page_search_problems(offline_page, base_url, build)
    assert len(problems) == 1 and problems[0].endswith("did not list the cost page (results: [])")
