"""Usability test 4 in real Chromium, on a 360x780 phone: what a patient types into search
finds the page that answers, at 100% and 200% text nothing is broken mid-word, and the
self-check answers where the patient is looking.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from devtools.chromium import new_context
from tests.checks.browser_audit import page_url
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
    "infected": "after-treatment/",
    "pregnancy": "women/",
    "refund": "complaints/",
    "transplant": "decision-aid/",
}


@pytest.mark.parametrize("word", list(SEARCHES))
def test_search_finds_the_page_that_answers(site_server, search_page, word):
    found = search_results(search_page, site_server, word)
    paths = [href.split("?")[0].split("#")[0] for href in found]
    want = SEARCHES[word]
    assert any(p.endswith("/" + want) for p in paths), f"{word!r} did not find {want}: {paths}"


# ---------- 200% text: every word whole, every column wide enough ----------

# Each word of the article and the home page's hero, outside code, diagrams and addresses,
# as the patient sees it: a word whose letters lie on two lines was broken in the middle.
# Also every block of text (a paragraph, a list item, a box's title, a button, a self-check
# line) whose column is narrower than 60% of the screen. Chromium breaks a word only when it
# cannot fit on a line of its own, so a broken word means the column around it is too narrow.
BROKEN_WORDS_JS = """() => {
  const out = {broken: [], narrow: []};
  const width = document.documentElement.clientWidth;
  const skip = 'pre, code, .hc-diagram, .headerlink, .hc-search-words';
  // Text for screen readers only (1 px wide, clipped) is not read on the screen.
  const hidden = el => el.getBoundingClientRect().width <= 1 ||
    getComputedStyle(el).clipPath === 'inset(50%)';
  for (const root of document.querySelectorAll('.md-content article, .hc-hero')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      const el = node.parentElement;
      if (!el.getClientRects().length || el.closest(skip) || hidden(el)) continue;
      // A phone number is copied off the screen: it never breaks, not even at its hyphen.
      // (Its text's lines, not its boxes': a glossary <abbr> inside sits lower on the same line.)
      const tel = el.closest('a[href^="tel:"]');
      if (tel) {
        if (node !== document.createTreeWalker(tel, NodeFilter.SHOW_TEXT).nextNode()) continue;
        const rects = [];
        const inner = document.createTreeWalker(tel, NodeFilter.SHOW_TEXT);
        for (let t; (t = inner.nextNode());) {
          const range = document.createRange();
          range.selectNodeContents(t);
          rects.push(...[...range.getClientRects()].filter(r => r.width > 0));
        }
        const tops = rects.map(r => r.top);
        const height = Math.min(...rects.map(r => r.height));
        if (Math.max(...tops) - Math.min(...tops) > height / 2) {
          out.broken.push(`phone number “${tel.textContent.trim()}”`);
        }
        continue;
      }
      const token = /\\S+/g;
      for (let t; (t = token.exec(node.data));) {
        if (/[@/]|\\w\\.\\w/.test(t[0])) continue;  // an address may break anywhere
        const part = /[^\\u2010-\\u2014-]{4,}/g;      // a word may break at its own hyphen
        for (let p; (p = part.exec(t[0]));) {
          const range = document.createRange();
          const start = t.index + p.index;
          range.setStart(node, start);
          range.setEnd(node, start + p[0].length);
          const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
            .map(r => Math.round(r.bottom)));
          if (lines.size > 1) {
            const box = el.closest('li, p, summary, label, a, h1, h2, h3, td, dd') || el;
            out.broken.push(`“${p[0]}” in “${box.textContent.trim().slice(0, 50)}”`);
          }
        }
      }
    }
    const blocks = root.querySelectorAll(
      'p, li, dd, label, summary, .admonition-title, .md-button, h1, h2, h3');
    for (const el of blocks) {
      if (!el.getClientRects().length || el.closest('table, ' + skip) || hidden(el)) continue;
      const style = getComputedStyle(el);
      const column = el.getBoundingClientRect().width - parseFloat(style.paddingLeft) -
        parseFloat(style.paddingRight);
      if (column < 0.6 * width) {
        out.narrow.push(`${Math.round(column)} px: “${el.textContent.trim().slice(0, 50)}”`);
      }
    }
  }
  return out;
}"""


def word_problems(browser, site_server, built_site, text: str, scheme: str) -> list[str]:
    from tests.test_patient_journeys import open_page, phone

    context, page = phone(browser, text=text, scheme=scheme)
    problems = []
    try:
        for html in built_site.html_pages():
            if html.startswith(("assets/", "search/")) or html == "404.html":
                continue
            open_page(page, page_url(site_server, html))
            found = page.evaluate(BROKEN_WORDS_JS)
            where = built_site.source_of(html)
            problems += [f"{where}: a word breaks in the middle: {b}" for b in found["broken"]]
            if text == "200%":  # at 100% text, short items may sit side by side on purpose
                problems += [f"{where}: a column of text is only {n}" for n in found["narrow"]]
    finally:
        context.close()
    return problems


@pytest.mark.parametrize(
    ("text", "scheme"), [("200%", "light"), ("200%", "dark"), ("100%", "light")]
)
def test_no_word_breaks_in_the_middle_and_no_column_is_squeezed(
    browser, site_server, built_site, text, scheme
):
    problems = word_problems(browser, site_server, built_site, text, scheme)
    assert not problems, f"at {text} text ({scheme}), 360 px:\n" + "\n".join(problems)


def test_the_word_check_catches_a_squeezed_box(browser, site_server, built_site):
    """Negative: Material's own em-based indents, put back, squeeze the boxes again."""
    from tests.test_patient_journeys import open_page, phone

    context, page = phone(browser, text="200%")
    try:
        open_page(page, page_url(site_server, "eligibility/index.html"))
        page.add_style_tag(
            content=".md-typeset .admonition { padding: 0 2rem !important; }"
            "[dir] .md-typeset ul li { margin-inline-start: 2.5em !important; }"
            ".md-typeset .self-check__list { margin-left: 3em !important; }"
        )
        found = page.evaluate(BROKEN_WORDS_JS)
    finally:
        context.close()
    assert found["broken"] and found["narrow"], found


# ---------- the self-check answers under the sentence the patient ticked ----------


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_ticking_the_blood_thinner_line_says_the_rule_right_under_it(
    browser, site_server, javascript
):
    context = new_context(
        browser,
        viewport={"width": 360, "height": 780},
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
    )
    page = context.new_page()
    try:
        page.goto(site_server + "eligibility/")
        if javascript:
            page.locator("[data-self-check][data-self-check-ready]").wait_for()
        item = page.locator(".self-check__list li").filter(has_text="thins my blood")
        item.locator("label").scroll_into_view_if_needed()
        item.locator("label").tap()
        notes = item.locator(".hc-self-check__note")
        expect(notes.first).to_be_visible()
        said = " ".join(notes.all_inner_texts())
        assert "we do not offer this treatment to you" in said, said
        assert "Do not stop" in said and "stroke" in said, said
        # The answer is on the screen where the patient tapped: no scrolling to find it.
        box = notes.last.bounding_box()
        assert box["y"] + box["height"] <= 780, f"the note ends {box['y'] + box['height']} px down"
        # The other lines' notes stay hidden.
        assert page.locator(".hc-self-check__note:visible").count() == notes.count()
        if javascript:
            result = page.locator("[data-self-check-result]").inner_text()
            assert "we do not offer this treatment to you" in result, result
            assert "Do not stop your blood-thinning medicine" in result, result
    finally:
        context.close()


# ---------- pop-ups, "Back to top", section links and the header on a phone ----------


@pytest.mark.parametrize("text", ["100%", "200%"])
def test_glossary_pop_up_is_readable_and_back_to_top_stays_small(browser, site_server, text):
    from tests.test_patient_journeys import open_page, phone

    context, page = phone(browser, text=text)
    try:
        open_page(page, site_server + "decision-aid/")
        body = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)"
        )
        word = page.locator("article abbr").first
        word.scroll_into_view_if_needed()
        word.tap()
        tip = page.locator("[role=tooltip] > .md-tooltip2__inner").first
        expect(tip).to_be_visible()
        size = tip.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        weight = tip.evaluate("el => getComputedStyle(el).fontWeight")
        assert size >= 0.9 * body, f"the definition is {size} px, the text around it {body} px"
        assert weight == "400", f"the definition is bold ({weight})"
        assert tip.bounding_box()["width"] <= 360

        # Scroll down, then a little up: Material shows "Back to top".
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(200)
        page.mouse.wheel(0, -300)
        top = page.locator(".md-top")
        expect(top).to_be_visible()
        box = top.bounding_box()
        assert box["width"] <= 48 and box["height"] <= 48, box
        assert box["y"] >= 780 - 48 - 24, f"'Back to top' is at {box['y']} px, not at the bottom"
        # Its words stay its name for screen readers.
        assert top.evaluate("el => el.textContent.trim()") == "Back to top"
    finally:
        context.close()


def test_phone_header_shows_the_page_title_and_no_section_sign(browser, site_server):
    from tests.test_patient_journeys import open_page, phone

    context, page = phone(browser)
    try:
        open_page(page, site_server + "cost/#example-of-a-first-year")
        topics = page.locator(".md-header__topic")
        expect(topics.nth(1)).to_be_visible()
        assert "Cost" in topics.nth(1).inner_text()
        assert not topics.first.is_visible()
        # After a jump to a section, no "¶" beside its heading on a touch screen.
        assert page.locator(".headerlink:visible").count() == 0
    finally:
        context.close()


def test_a_search_that_finds_nothing_offers_the_faq_and_the_phone(site_server, search_page):
    clinic_phone = "tel:"
    assert search_results(search_page, site_server, "xyzzyq") == []
    meta = search_page.locator(".md-search-result__meta")
    expect(meta).to_contain_text("No matching pages")
    assert meta.locator('a[href$="faq/"]').count() == 1
    assert meta.locator(f'a[href^="{clinic_phone}"]').count() == 1
    assert "document" not in meta.inner_text()
