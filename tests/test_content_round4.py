"""Usability test 4 (a worried patient with low health literacy, on a cheap phone): the
content guarantees that follow from it, read from the built pages.

- A safety summary says the clinic's rule first: "We do not offer this treatment if you need a
  blood thinner", then "never stop it". Read alone, "never stop it to have this treatment" had
  meant "you can have it, just keep taking the pill".
- Common blood thinners are named by brand, so a patient who knows only "Eliquis" finds them.
"""

from __future__ import annotations

import re

import pytest

from sitecheck.core.page_tree import parse, visible_text

BRANDS = ("warfarin", "Eliquis", "Xarelto", "Plavix", "aspirin")


def words(element) -> str:
    """An element's text as read: one space between words, none before punctuation (the
    tree's text puts a space around each inline element, such as a glossary word)."""
    text = " ".join(visible_text(element).replace("¶", " ").split())
    return re.sub(r" (?=[.,:;?!)])", "", text)


def in_short(built_site, html: str) -> list[str]:
    """The bullets of the page's "In short" box, as read."""
    doc = parse(built_site.site / html)
    box = doc.xpath('//article//div[contains(@class, "admonition")][1]')[0]
    return [words(li) for li in box.xpath("./ul/li")]


@pytest.mark.parametrize("html", ["eligibility/index.html", "faq/index.html"])
def test_blood_thinner_summary_says_the_rule_before_never_stop(built_site, html):
    bullet = next((b for b in in_short(built_site, html) if "blood thinner" in b), "")
    assert bullet, f"{html}: no 'In short' point on blood thinners"
    rule = bullet.find("We do not offer this treatment if you need a blood thinner")
    stop = bullet.lower().find("never stop")
    assert 0 <= rule < stop, f"{html}: the rule must come first, then 'never stop': {bullet}"
    assert "stroke" in bullet
    for brand in BRANDS:
        assert brand in bullet, f"{html}: '{brand}' not named in: {bullet}"


@pytest.mark.parametrize("html", ["eligibility/index.html", "procedure/index.html"])
def test_blood_thinner_box_says_we_do_not_offer_it(built_site, html):
    doc = parse(built_site.site / html)
    boxes = [
        words(box)
        for box in doc.xpath('//article//div[contains(@class, "admonition")]')
        if "Do you take a blood thinner?" in words(box)
    ]
    assert boxes, f"{html}: no 'Do you take a blood thinner?' box"
    text = boxes[0]
    assert re.search(r"We do not offer this treatment to people who need a blood thinner", text)
    assert "Do not stop your blood thinner" in text and "stroke" in text
    for brand in BRANDS:
        assert brand in text, f"{html}: '{brand}' not named in the box"
