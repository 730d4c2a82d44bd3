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


# --- after treatment: the patient's own words for an infection, and no false reassurance ---


def test_after_treatment_summary_names_the_signs_of_an_infection(built_site):
    bullets = in_short(built_site, "after-treatment/index.html")
    text = " ".join(bullets)
    for said in ("infection", "hot", "more red, swollen or painful after the first 2 days"):
        assert said in text, f"the 'In short' box does not say '{said}': {bullets}"
    infection = next(b for b in bullets if "infection" in b)
    assert "Call us today" in infection, infection
    # Redness is normal only while it gets better: "for a few days" left a patient on day 4
    # with a hot, red scalp wondering whether it still counted.
    normal = next(b for b in bullets if "normal" in b)
    assert "gets better" in normal and "for a few days" not in normal, normal
    # The way to complain is one tap from the summary.
    doc = parse(built_site.site / "after-treatment/index.html")
    box = doc.xpath('//article//div[contains(@class, "admonition")][1]')[0]
    assert box.xpath('.//a[contains(@href, "complaints/")]'), "no link to complaints/"


URGENT_PAGES = [
    "after-treatment/index.html",
    "side-effects/index.html",
    "procedure/index.html",
    "contact/index.html",
]


@pytest.mark.parametrize("html", URGENT_PAGES)
def test_same_day_card_says_hot_scalp_and_infection_and_what_to_do_at_night(built_site, html):
    doc = parse(built_site.site / html)
    cards = doc.xpath(
        '//article//div[contains(@class, "admonition") and contains(@class, " urgent")]'
    )
    assert cards, f"{html}: no 'get help today' card"
    text = words(cards[0])
    assert text.startswith("Get help today, even at night, if you"), text[:60]
    for said in ("scalp that feels hot", "pus", "fever", "infection", "When we are closed"):
        assert said in text, f"{html}: the card does not say '{said}'"


# --- help in Spanish: a clear statement, marked as Spanish, on the home and contact pages ---


@pytest.mark.parametrize("html", ["index.html", "contact/index.html"])
def test_spanish_box_says_how_to_get_help_with_the_clinic_phone(built_site, html):
    clinic = built_site.config["extra"]["clinic"]
    doc = parse(built_site.site / html)
    box = doc.xpath('//article//*[@id="en-espanol"]')
    assert box, f"{html}: no box with id 'en-espanol'"
    assert box[0].get("lang") == "es", f"{html}: the Spanish box is not marked lang='es'"
    text = words(box[0])
    assert "¿Habla español?" in text and "ayuda en español" in text, text
    assert box[0].xpath(f'.//a[@href="tel:{clinic["phone_link"]}"]'), "no tel: link to the clinic"
    assert box[0].xpath('.//a[@href="tel:911"]'), "no tel: link to 911"


def test_every_page_links_to_help_in_spanish_from_footer_and_menu(built_site):
    missing = []
    for html in built_site.html_pages():
        if html.startswith(("assets/", "search/")):
            continue
        doc = parse(built_site.site / html)
        footer = doc.xpath('//footer//*[@lang="es"]//a[contains(@href, "#en-espanol")]')
        menu = doc.xpath('//*[contains(@class, "md-nav__source")]//a[@lang="es"]')
        if not footer or not menu:
            missing.append(html)
    assert not missing, f"pages without the link to help in Spanish: {missing}"
    hero = parse(built_site.site / "index.html").xpath(
        '//*[contains(@class, "hc-hero")]//*[@lang="es"]//a[contains(@href, "#en-espanol")]'
    )
    assert hero, "the home page's first screen has no link to help in Spanish"


# --- complaints: the FDA's phone and address, the complaint route first, refunds named ---


@pytest.mark.parametrize("html", ["complaints/index.html", "after-treatment/index.html"])
def test_fda_report_gives_its_phone_and_address(built_site, html):
    doc = parse(built_site.site / html)
    section = doc.xpath(
        '//article//h2[starts-with(@id, "2-report") or @id="report-a-side-effect-to-the-fda"]'
    )
    assert section, f"{html}: no section on reporting to the FDA"
    article = doc.xpath("//article")[0]
    assert article.xpath('.//a[@href="tel:+18003321088"]'), f"{html}: no tel: link to MedWatch"
    assert article.xpath('.//a[contains(@href, "fda.gov/safety/medwatch")]'), html


def test_complaints_page_puts_tell_us_before_any_emergency_box(built_site):
    doc = parse(built_site.site / "complaints/index.html")
    article = doc.xpath("//article")[0]
    assert not article.xpath(
        './/div[contains(@class, " emergency") or contains(@class, " urgent")]'
    ), (
        "the complaints page repeats the urgency cards: someone unhappy but not ill scrolls "
        "past two screens of them"
    )
    assert article.xpath('.//a[@href="tel:911"]'), "no 911 link for someone unwell now"
    assert article.xpath('.//a[contains(@href, "after-treatment/#when-to-get-help")]')
    text = words(article)
    assert "Can I get my money back (a refund)?" in text


# --- cost compared with the other options, in one place, before the details ---


def test_cost_at_a_glance_comes_first_and_names_every_option(built_site):
    doc = parse(built_site.site / "decision-aid/index.html")
    headings = [words(h) for h in doc.xpath("//article//h2")]
    assert "Cost at a glance" in headings, headings
    assert headings.index("Cost at a glance") < headings.index("Doing nothing"), headings
    section = doc.xpath('//article//h2[@id="cost-at-a-glance"]/following-sibling::ul[1]')[0]
    items = [words(li) for li in section.xpath("./li")]
    for option in ("Doing nothing", "Minoxidil", "Finasteride", "Hair transplant", "PRP",
                   "Cells from your own fat", "Micrografts"):  # fmt: skip
        assert any(i.startswith(option) for i in items), f"{option} missing: {items}"
    transplant = next(i for i in items if i.startswith("Hair transplant"))
    assert "$4,000" in transplant and "$15,000" in transplant, transplant
    assert "side by side" not in words(doc.xpath("//article")[0])


def test_cost_page_compares_with_a_transplant_and_home_links_to_its_top(built_site):
    doc = parse(built_site.site / "cost/index.html")
    text = words(doc.xpath("//article")[0])
    assert "hair transplant costs about $4,000 to $15,000" in text, "no transplant on the cost page"
    assert doc.xpath('//article//a[contains(@href, "decision-aid/#cost-at-a-glance")]')
    home = parse(built_site.site / "index.html")
    link = home.xpath('//article//a[normalize-space()="What will it cost in total?"]')[0]
    assert link.get("href") == "cost/", link.get("href")


# --- the day of treatment: one name, one box, the same answer in the FAQ ---


def test_on_the_day_box_answers_length_food_and_going_home(built_site):
    doc = parse(built_site.site / "procedure/index.html")
    box = doc.xpath('//article//*[@id="on-the-day"]')
    assert box, "no 'On the day' box on the procedure page"
    text = words(box[0])
    for said in ("How long you are with us", "You stay awake", "Does it hurt?",
                 "Food, clothes and what to bring", "Going home"):  # fmt: skip
        assert said in text, f"the box does not say '{said}'"
    faq = parse(built_site.site / "faq/index.html")
    answer = next(
        words(d) for d in faq.xpath("//article//details") if "What happens on the day?" in words(d)
    )
    assert "How long you are with us" in answer and "Going home" in answer, answer


def test_the_procedure_page_has_one_name(built_site):
    name = "What happens, step by step"
    doc = parse(built_site.site / "procedure/index.html")
    assert words(doc.xpath("//article//h1")[0]) == name
    home = parse(built_site.site / "index.html")
    menu = home.xpath(
        '//nav[contains(@class, "md-nav--primary")]//a[contains(@href, "procedure/")]'
    )
    assert any(words(a) == name for a in menu), [words(a) for a in menu]
    assert home.xpath(f'//article//a[normalize-space()="{name}"]')


# --- women: a way in from the home page, the pregnancy rule on their own page ---


def test_women_find_their_page_from_home_and_the_pregnancy_rule_on_it(built_site):
    home = parse(built_site.site / "index.html")
    assert home.xpath('//article//*[contains(@class, "hc-journeys")]//a[@href="women/"]')
    text = words(parse(built_site.site / "women/index.html").xpath("//article")[0])
    assert "during pregnancy or while you are breastfeeding" in text


@pytest.mark.parametrize("name", ["NHS", "AAD", "BAD", "ASA", "FSMB", "ISHRS", "NAAF"])
def test_every_cited_body_is_explained_in_the_glossary(built_site, name):
    doc = parse(built_site.site / "glossary/index.html")
    assert name in words(doc.xpath("//article")[0]), f"{name} is cited but not explained"


# --- "Is it allowed?" has a bottom line before the FDA's warning; the first screen says FDA ---


@pytest.mark.parametrize("html", ["how-it-works/index.html", "faq/index.html"])
def test_is_it_allowed_starts_with_a_short_answer(built_site, html):
    text = words(parse(built_site.site / html).xpath("//article")[0])
    start = text.find("Is this treatment allowed?")
    answer = text.find("The short answer: only with the", start)
    quote = text.find("you are likely being deceived", start)
    assert 0 <= start < answer < quote, f"{html}: the short answer must come before the quote"


def test_home_first_screen_says_not_approved_by_the_fda(built_site):
    hero = parse(built_site.site / "index.html").xpath('//*[contains(@class, "hc-hero")]')[0]
    assert "It is not approved by the FDA." in words(hero)
