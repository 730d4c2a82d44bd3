"""The friendly 404 page works wherever a patient meets it: its links and its search button."""

import pytest

from devtools.serve import serve
from tests.checks.browser_404 import broken_links_on, search_from_404
from tests.conftest import ProjectCopy

pytestmark = pytest.mark.browser

DEPTHS = ["missing/", "a/b/c/d/missing.html"]


@pytest.mark.parametrize("address", DEPTHS)
def test_404_links_work_at_any_depth(site_server, browser_page, address):
    assert broken_links_on(browser_page, site_server + address) == []


def test_404_search_button_finds_the_cost_page(site_server, browser_page):
    results = search_from_404(browser_page, site_server + "a/b/c/missing/", "cost")
    assert any(href.split("?")[0].endswith("/cost/") for href in results), results


def test_relative_link_on_the_404_page_is_caught(tmp_path, browser_page):
    # A relative link works at the top of the site but not three folders down.
    project = ProjectCopy(tmp_path / "project")
    project.replace(
        "overrides/404.html", 'href="{{ nav.homepage.url | url }}"', 'href="index.html"'
    )
    build = project.build()
    with serve(build.site) as base_url:
        assert broken_links_on(browser_page, base_url + "missing.html") == []
        problems = broken_links_on(browser_page, base_url + "a/b/c/missing/")
    assert problems == [
        f"link 'index.html' leads to {base_url}a/b/c/missing/index.html, which answers 404"
    ]


def test_404_without_search_button_is_caught(tmp_path, browser_page):
    project = ProjectCopy(tmp_path / "project")
    project.replace("overrides/404.html", " data-hc-open-search", "")
    build = project.build()
    with serve(build.site) as base_url:
        assert search_from_404(browser_page, base_url + "a/missing/", "cost") == []
