"""The 404 page, met at an unknown address deep in the site: its links and its search work."""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html

from tests.checks.browser_keyboard import search_results


def broken_links_on(page, url: str) -> list[str]:
    """Every link in the page as served at `url` that does not answer 200 from there.

    The hrefs are read from the HTML the server sends: Material's script later rewrites them to
    absolute addresses, which would hide a relative link that only works at the top level.
    """
    response = page.request.get(url)
    hrefs = lxml.html.fromstring(response.body()).xpath("//a/@href")
    problems = []
    for href in sorted(set(hrefs)):
        target = urljoin(url, href)
        if not target.startswith(("http://127.0.0.1", "http://localhost")):
            continue  # tel:, mailto: and other sites are the link check's job
        status = page.request.get(target).status
        if status != 200:
            problems.append(f"link '{href}' leads to {target}, which answers {status}")
    return problems


def search_from_404(page, url: str, word: str) -> list[str]:
    """Use the 404 page's own "Search this site" button, then type `word`."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    button = page.locator("[data-hc-open-search]")
    if button.count() == 0:
        return []
    button.click()
    return search_results(page, None, word)
