"""Screenshots of the home and cost pages at phone and desktop width, for a person to look at.

Saved to reports/screenshots/ (not committed). The test checks each file was written and shows
a page, not a blank or error screen.
"""

import pytest

from devtools.chromium import new_context
from devtools.site import ROOT
from tests.checks.browser_audit import DESKTOP, PHONE

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "reports" / "screenshots"
PAGES = {"home": "", "cost": "cost/"}
SIZES = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_of_home_and_cost(browser, site_server, size):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = new_context(browser, viewport=SIZES[size])
    try:
        page = context.new_page()
        for name, path in PAGES.items():
            response = page.goto(site_server + path, wait_until="networkidle")
            assert response is not None and response.status == 200, f"{name} did not load"
            target = SCREENSHOTS / f"{name}-{size}.png"
            target.unlink(missing_ok=True)
            page.screenshot(path=target, full_page=True)
            # A real page is tall and not blank: at least a screenful, and well over 10 kB.
            assert target.stat().st_size > 10_000, f"{target} looks blank"
            height = page.evaluate("document.documentElement.scrollHeight")
            assert height >= SIZES[size]["height"], f"{name} is only {height} px tall"
    finally:
        context.close()
