"""Usability test 4 in real Chromium, on a 360x780 phone: what a patient types into search
finds the page that answers, at 100% and 200% text nothing is broken mid-word, and the
self-check answers where the patient is looking.
"""

from __future__ import annotations

import pytest

from devtools.chromium import new_context
from tests.checks.browser_keyboard import search_results

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def search_page(browser):
    context = new_context(browser, viewport={"width": 360, "height": 780}, is_mobile=True)
    context.route(lambda url: not url.startswith("http://127.0.0.1"), lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


# What a worried patient types, and a page whose address must be among the results.
SEARCHES = {
    "español": "contact/",
    "espanol": "contact/",
    "spanish": "contact/",
    "interpreter": "contact/",
    "Eliquis": "eligibility/",
    "warfarin": "eligibility/",
    "infection": "after-treatment/",
}


@pytest.mark.parametrize("word", list(SEARCHES))
def test_search_finds_the_page_that_answers(site_server, search_page, word):
    found = search_results(search_page, site_server, word)
    paths = [href.split("?")[0].split("#")[0] for href in found]
    want = SEARCHES[word]
    assert any(p.endswith("/" + want) for p in paths), f"{word!r} did not find {want}: {paths}"
