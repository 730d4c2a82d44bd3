"""The three urgency cards keep AA contrast in light, dark and print, on every page using them."""

import pytest

from devtools.serve import serve
from tests.checks.problems import assert_none, report
from tests.checks.urgency import LEVELS, card_problems, measure

pytestmark = pytest.mark.browser

PAGES = ("side-effects/", "procedure/", "causes/")
MODES = (("light", "screen"), ("dark", "screen"), ("light", "print"))


def test_urgency_cards_have_aa_contrast_in_both_schemes_and_print(browser, site_server):
    problems, seen = [], set()
    for path in PAGES:
        for scheme, media in MODES:
            cards = measure(browser, site_server + path, scheme, media)
            seen |= {card["level"] for card in cards}
            problems += card_problems(cards, f"{path} ({scheme}, {media})")
    assert seen == set(LEVELS), f"pages should use all three cards, found {seen}"
    assert_none(problems, "urgency cards below AA contrast")


def test_printed_cards_are_black_on_white(browser, site_server):
    cards = measure(browser, site_server + "side-effects/", "dark", "print")
    assert cards and all(card["edge"] == "rgb(0, 0, 0)" for card in cards), cards


# --- negative test ---


def test_a_pale_card_colour_is_caught(project, browser):
    project.append(
        "overrides/assets/stylesheets/theme.css",
        "\n:root { --hc-soon: #c8d8ee; }\n",
    )
    build = project.build()
    assert build.returncode == 0, build.output
    with serve(build.site) as base_url:
        cards = measure(browser, base_url + "side-effects/", "light")
    text = report(card_problems(cards, "side-effects/ (light, screen)"), "")
    assert "side-effects/ (light, screen): the 'soon' card" in text
    assert "its coloured edge has a contrast of" in text
    assert "its icon has a contrast of" in text
    assert "Fix: darken (light scheme) or lighten (dark scheme) --hc-soon" in text
    assert "'emergency' card" not in text
