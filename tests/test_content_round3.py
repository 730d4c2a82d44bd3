"""Content round three (issue 26): the new clinic facts, the one money formatter, the shared
safety text and the decision aid.

- Each new fact is a placeholder until the clinic answers: it shows as is on its pages, and
  `./run deploy` refuses it, naming its line in mkdocs.yml.
- Every amount of money on the built site is written as US readers expect ("$1,650"), and comes
  from macros/money.py: an amount typed or printed raw ("1650 USD", "$1650") is caught.
- The urgency cards' signs and the see-a-doctor card are one snippet each (docs/snippets/), and
  each card reads the same on every page, with its title a heading of the page's outline.
- The decision aid has no wide table (it must read at 360 px without sideways scrolling).
"""

from __future__ import annotations

import re
from copy import deepcopy

import pytest

from devtools.site import ROOT
from macros.money import Money, format_money
from sitecheck.core.config import load_config
from sitecheck.core.page_tree import parse, visible_text
from sitecheck.rules.facts.deploy_gate import example_settings
from tests.conftest import page

PLACEHOLDER = "TO BE CONFIRMED BY THE CLINIC"

# Each new fact (under extra.clinic) and the built pages that must show it.
NEW_FACTS = {
    "price.consultation": ["cost/index.html"],
    "price.also_covers": ["cost/index.html"],
    "price.blood_tests": ["cost/index.html"],
    "price.later_session": ["cost/index.html"],
    "sessions.later_min": ["cost/index.html"],
    "sessions.later_max": ["cost/index.html"],
    "sessions.second_what": [
        "procedure/index.html",
        "cost/index.html",
        "results/index.html",
        "methods/index.html",
    ],
    "sessions.interval": ["procedure/index.html", "results/index.html"],
    "pain_relief": ["procedure/index.html", "side-effects/index.html"],
    "preparation_steps": ["procedure/index.html"],
    "injection_site": ["procedure/index.html", "side-effects/index.html"],
    "min_age": ["eligibility/index.html"],
    "out_of_hours": ["side-effects/index.html", "procedure/index.html"],
    "reviewer": ["about/index.html"],
    "device_ties": ["about/index.html"],
    "result_measure": ["results/index.html"],
    "micrograft_plan": ["methods/index.html"],
}


def fact(name: str):
    value = load_config(ROOT / "mkdocs.yml")["extra"]["clinic"]
    for key in name.split("."):
        value = value[key]
    return value


def shown(built_site, html: str) -> str:
    return " ".join(visible_text(parse(built_site.site / html)).split())


def words(element) -> str:
    """An element's text as read, without the heading's permalink sign."""
    return " ".join(visible_text(element).replace("¶", " ").split())


@pytest.mark.parametrize("name", sorted(NEW_FACTS))
def test_new_fact_placeholder_shows_on_its_pages(built_site, name):
    value = fact(name)
    assert isinstance(value, str) and value.startswith(PLACEHOLDER), (name, value)
    for html in NEW_FACTS[name]:
        assert value in shown(built_site, html), f"{html} does not show {name}: {value!r}"


@pytest.mark.parametrize("name", sorted(NEW_FACTS))
def test_deploy_refuses_new_fact_naming_its_line(name):
    text = (ROOT / "clinic.yml").read_text(encoding="utf-8")
    key = name.rpartition(".")[2]
    line = next(
        n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith(f"{key}:")
    )
    messages = example_settings(text, "clinic.yml")
    expected = f"clinic.yml:{line}: clinic.{name} is still a placeholder: '{PLACEHOLDER}"
    assert any(m.startswith(expected) for m in messages), "\n".join(messages)


def test_reviewed_by_a_named_clinician_is_a_fact_not_a_team():
    about = (ROOT / "docs/about.md").read_text(encoding="utf-8")
    assert "{{ clinic.reviewer }}" in about


# --- money: one formatter ---


def test_format_money_writes_us_dollars():
    assert format_money(1650) == "$1,650"
    assert format_money(90) == "$90"
    assert format_money(15000) == "$15,000"
    assert format_money(1650.5) == "$1,650.50"
    assert format_money(f"{PLACEHOLDER}: the fee") == f"{PLACEHOLDER}: the fee"
    assert str(Money(1650) + 90) == "$1,740"
    assert str(2 * Money(250)) == "$500"


# An amount of money written some other way than format_money's: "1650 USD", "USD 1650",
# "$1650" (no comma), "1,650 dollars".
RAW_AMOUNT = re.compile(
    r"\b\d[\d,]*\s?(?:USD|dollars)\b|\bUSD\s?\d|\$\d{4,}(?![\d,])|\$\d{1,3}(?:,\d{3})*\.\d(?!\d)"
)


def raw_amounts(text: str) -> list[str]:
    return RAW_AMOUNT.findall(text)


def test_raw_amount_pattern_catches_planted_amounts_and_spares_formatted_ones():
    assert raw_amounts("about 1650 USD, USD 90, $1650 and 2,240 dollars") == [
        "1650 USD",
        "USD 9",
        "$1650",
        "2,240 dollars",
    ]
    assert raw_amounts("about $1,650, $90 and $15,000; 1650 hairs; 17%") == []


OTHER_OWNER = ()  # every page, the home page included, writes amounts through the formatter


def test_every_amount_on_the_built_site_comes_through_the_formatter(built_site):
    problems = []
    for html in built_site.html_pages():
        if html.startswith(("assets/", "search/")) or html in OTHER_OWNER:
            continue
        found = raw_amounts(shown(built_site, html))
        if found:
            problems.append(f"{html}: {found}")
    assert not problems, "\n".join(problems)
    assert format_money(fact("price.amount")) in shown(built_site, "cost/index.html")
    assert "$4,000" in shown(built_site, "decision-aid/index.html")


def test_home_page_amounts_come_through_the_formatter(built_site):
    assert raw_amounts(shown(built_site, "index.html")) == []


def test_a_raw_amount_planted_in_a_page_is_caught(project):
    project.write(
        "docs/planted.md",
        page("Planted", "Formatted: {{ clinic.price.amount }}. Raw: {{ 2000 }} USD."),
    )
    project.add_to_menu("planted.md")
    build = project.build()
    assert build.returncode == 0, build.output
    text = " ".join(visible_text(parse(build.site / "planted/index.html")).split())
    assert "Formatted: $1,650." in text
    assert raw_amounts(text) == ["2000 USD"]


# --- safety text written once ---

CARDS = {
    "emergency": ("side-effects/index.html", "procedure/index.html"),
    "urgent": ("side-effects/index.html", "procedure/index.html", "contact/index.html"),
    "soon": (
        "side-effects/index.html",
        "eligibility/index.html",
        "causes/index.html",
        "women/index.html",
    ),
}


def card_items(built_site, html: str, level: str) -> list[tuple[str, str]]:
    """Each card of this level on the page: its title, and all its text (signs and advice)."""
    doc = parse(built_site.site / html)
    cards = []
    for card in doc.xpath(
        f'//div[contains(@class, "admonition") and contains(@class, " {level}")]'
    ):
        heading = card.xpath('./h3[contains(@class, "admonition-title")]')
        assert heading, f"{html}: the {level} card's title is not a heading"
        assert card.xpath("./ul/li"), f"{html}: the {level} card lists no signs"
        cards.append((words(heading[0]), words(card)))
    return cards


@pytest.mark.parametrize("level", sorted(CARDS))
def test_each_urgency_card_is_the_same_everywhere_and_a_heading(built_site, level):
    seen = {}
    for html in CARDS[level]:
        cards = card_items(built_site, html, level)
        assert cards, f"{html} has no {level} card"
        for title, text in cards:
            seen.setdefault(title, set()).add(text)
        toc = parse(built_site.site / html).xpath('//nav[contains(@class, "md-nav--secondary")]//a')
        titles = {words(a) for a in toc}
        for title, _ in cards:
            assert title in titles, f"{html}: '{title}' is not in the page outline"
    for title, versions in seen.items():
        assert len(versions) == 1, f"the {level} card '{title}' differs between pages: {versions}"


def test_emergency_card_names_stroke_and_sight_signs_and_does_not_reassure(built_site):
    text = shown(built_site, "side-effects/index.html")
    assert "cannot see well" in text and "speech that is slurred" in text
    assert "not scalp injections" not in text


def test_phone_numbers_in_cards_are_links(built_site):
    doc = parse(built_site.site / "side-effects/index.html")
    phone = fact("phone_link")
    assert doc.xpath(f'//div[contains(@class, " urgent")]//a[@href="tel:{phone}"]')


# --- the decision aid ---


def test_decision_aid_lists_every_option_without_a_wide_table(built_site):
    html = "decision-aid/index.html"
    doc = parse(built_site.site / html)
    assert not doc.xpath("//article//table"), "a table would scroll sideways at 360 px"
    headings = {words(h) for h in doc.xpath("//article//h2")}
    for option in (
        "Doing nothing",
        "Minoxidil",
        "Finasteride",
        "Hair transplant",
        "PRP (platelet-rich plasma)",
        "Cells from your own fat",
        "Micrografts",
        "Laser devices",
        "What happens if I do nothing",
    ):
        assert option in headings, (option, headings)
    terms = [words(dt) for dt in doc.xpath("//article//dt")]
    for term in ("FDA status", "How well it works", "How sure we are", "Main side effects", "Cost"):
        assert terms.count(term) == 8, (term, terms.count(term))


# --- plain language: no sentence over 25 words outside quotations ---

QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")
# The sources and glossary pages are reference lists; the home page is the journeys branch's
# (its one-sentence list of who should not have the treatment needs to become a bulleted list).
PATIENT_PAGES_SKIPPED = ("sources/index.html", "glossary/index.html", "404.html", "index.html")
# A citation's link text ("Kang 2021") is a label, not part of the sentence a patient reads.
CITATION = '//a[contains(@href, "sources/#")]'


def block_text(block) -> str:
    block = deepcopy(block)
    for link in block.xpath("." + CITATION):
        tail = link.tail
        link.getparent().remove(link) if tail is None else None
        if tail is not None:
            link.text, link.tail = "", tail
            for child in list(link):
                link.remove(child)
    return words(block)


def long_sentences(text: str, limit: int = 25) -> list[str]:
    text = QUOTE.sub("QUOTE", text)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return [s for s in sentences if len(s.split()) > limit and PLACEHOLDER not in s]


def test_no_sentence_over_25_words_on_patient_pages(built_site):
    problems = []
    for html in built_site.html_pages():
        if html.startswith(("assets/", "search/")) or html in PATIENT_PAGES_SKIPPED:
            continue
        article = parse(built_site.site / html).xpath("//article")
        if not article:
            continue
        for block in article[0].xpath(".//p|.//li|.//dd|.//td"):
            if block.xpath(".//p|.//li|.//ul|.//ol"):
                continue
            for sentence in long_sentences(block_text(block)):
                problems.append(f"{html}: {sentence}")
    assert not problems, "\n".join(problems)


# --- every page I own: grade 6 or below, and "In short" first ---


def test_every_page_reads_at_grade_6_or_below(built_site):
    from tests.test_readability import readings

    above = [f"{r.source}: grade {r.grade}" for r in readings(built_site) if r.grade > 6.0]
    assert not above, "\n".join(above)


def test_every_content_page_opens_with_in_short(built_site):
    missing = []
    for html, source in sorted(built_site.sources.items()):
        if source == "docs/index.md":  # the home page is the journeys branch's
            continue
        doc = parse(built_site.site / html)
        first = doc.xpath('//article//div[contains(@class, "admonition")][1]')
        title = first[0].xpath('./p[contains(@class, "admonition-title")]') if first else []
        bullets = first[0].xpath("./ul/li") if first else []
        if not title or words(title[0]) != "In short" or not 3 <= len(bullets) <= 5:
            missing.append(source)
    assert not missing, f"pages without an 'In short' box of 3 to 5 points first: {missing}"


# --- the FDA in its own words; the harm-level warnings where they are needed ---

FDA_QUOTE = (
    "if you are being charged for these products or offered these products outside of a "
    "clinical trial, you are likely being deceived and offered a product illegally"
)


@pytest.mark.parametrize(
    "html",
    [
        "how-it-works/index.html",
        "questions-to-ask/index.html",
        "faq/index.html",
        "sources/index.html",
    ],
)
def test_the_fda_warning_is_quoted_with_its_or(built_site, html):
    text = shown(built_site, html).replace("“", '"').replace("”", '"')
    assert FDA_QUOTE in text, f"{html} does not quote the FDA's sentence exactly"
    assert "likely being misled" not in text


@pytest.mark.parametrize(
    "html",
    ["eligibility/index.html", "procedure/index.html", "side-effects/index.html", "faq/index.html"],
)
def test_blood_thinner_warning_where_exclusions_or_medicines_are_named(built_site, html):
    text = shown(built_site, html)
    assert re.search(
        r"[Dd]o not stop (it|a blood thinner|your blood thinner)|Never stop (a|your) blood thinner",
        text,
    ), html
    assert "stroke" in text


def test_listing_and_registration_are_not_approval(built_site):
    text = shown(built_site, "how-it-works/index.html")
    assert (
        "Listing a study does not mean it has been evaluated by the U.S. Federal Government."
        in text
    )
    assert '"Registered" is not "approved"' in text.replace("“", '"').replace("”", '"')
    assert "IDE" in text and "IND" in text and "ocod@fda.hhs.gov" in text
