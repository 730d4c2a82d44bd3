"""The built site, served over HTTP, opens in real headless Chromium."""

import pytest

pytestmark = pytest.mark.browser


def test_chromium_starts(browser):
    # The browser alone: what the missing-browser test below runs, without building the site.
    assert browser.version


def test_home_page_opens_in_chromium(site_server, browser_page):
    response = browser_page.goto(site_server)
    assert response is not None and response.status == 200
    assert browser_page.locator("h1").count() == 1
    assert "Stem-cell" in browser_page.title()


def test_unknown_address_shows_the_sites_404_page(site_server, browser_page):
    response = browser_page.goto(site_server + "no/such/page/")
    assert response is not None and response.status == 404
    assert "cannot find that page" in browser_page.locator("h1").inner_text()


def test_missing_browser_fails_in_ci():
    """With CI=true the browser fixture must fail, not skip, when Chromium is missing."""
    import subprocess
    import sys

    from devtools.site import ROOT

    env = {"CI": "true", "CHROMIUM": "", "PATH": "/nonexistent", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_browser_smoke.py::test_chromium_starts",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout
    assert "Chromium was not found" in proc.stdout
    assert "1 error" in proc.stdout or "1 failed" in proc.stdout
