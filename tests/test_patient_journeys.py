"""The six patient tasks of the usability review (round 3, issue #27), done the way a patient
does them: on a 360x780 phone with touch, starting from the home page, at 100% and at 200%
text (Chromium's own text-size setting, as a patient's phone sets it).

Each task taps its way to the answer (at most two taps: a link, or the menu and then a page)
and checks that the answer's own words are on the screen after at most one screen of
scrolling from where the page lands. The rest: no page scrolls sideways at 360 px (light and
dark, 100% and 200% text), axe-core finds nothing on the pages this work changed, and phone
screenshots of four pages are written to reports/ for a person to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from devtools.chromium import new_context
from devtools.site import ROOT
from tests.checks.browser_audit import (
    AXE,
    AXE_TAGS,
    OVERFLOW_JS,
    PageRecord,
    axe_problems,
    is_local,
    page_url,
)
from tests.checks.problems import assert_none, at

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}
REPORTS = ROOT / "reports"
# Chromium's default text size is 16 px; a patient's "200% text" doubles it (Material's rem
# follows it: html is 125% of it on a phone, so 20 px becomes 40 px).
TEXT_SIZES = {"100%": 16, "200%": 32}
MAX_TAPS = 2


def phone(browser, *, text: str = "100%", scheme: str = "light"):
    """A phone: touch, 360x780, the text size and colour scheme a patient may have set."""
    context = new_context(
        browser, viewport=PHONE, is_mobile=True, has_touch=True, color_scheme=scheme
    )
    # Every other host is refused: the tasks must work from this site alone.
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    page = context.new_page()
    size = TEXT_SIZES[text]
    if size != 16:
        cdp = context.new_cdp_session(page)
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": size, "fixed": size * 13 // 16}})
    return context, page


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    # The theme's loader marks the page once Material's scripts (menu, search) run.
    page.wait_for_selector("html[data-hc-scripts='ready']", state="attached")


# ---------- Taps ----------


def in_content(text: str):
    """A link in the page itself (the hero or the article), by its exact words."""

    def find(page: Page) -> Locator:
        links = page.locator(".hc-hero a, .md-content article a")
        return links.filter(has_text=text).filter(visible=True).first

    find.what = f"link “{text}”"
    return find


def menu_button(page: Page) -> Locator:
    return page.locator(".md-header label[for='__drawer']")


menu_button.what = "menu button"


def in_menu(title: str):
    """A page in the phone menu (the drawer), by its title."""

    def find(page: Page) -> Locator:
        expect(page.locator("#__drawer")).to_be_checked()
        # The drawer has slid fully onto the screen.
        page.wait_for_function(
            "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0"
        )
        links = page.locator(".md-sidebar--primary .md-nav--primary a.md-nav__link")
        return links.filter(has_text=title).filter(visible=True).first

    find.what = f"menu entry “{title}”"
    return find


# The drawer's list scrolls by itself below its title; Playwright's own scrolling would also
# move the drawer's outer box, which Material keeps still (and puts back).
SCROLL_TO_JS = """async (el) => {
  const list = el.closest('.md-nav--primary > .md-nav__list');
  if (list) {
    const box = el.getBoundingClientRect(), frame = list.getBoundingClientRect();
    list.scrollTop += box.top - frame.top - (frame.height - box.height) / 2;
  } else {
    el.scrollIntoView({block: 'center', behavior: 'instant'});
  }
  // Wait until the target has stopped moving (scrolling, a sliding menu): the same place in
  // three frames in a row.
  const frame = () => new Promise(done => requestAnimationFrame(done));
  let last = '', same = 0, box;
  while (same < 3) {
    await frame();
    box = el.getBoundingClientRect();
    const now = `${box.left},${box.top}`;
    same = now === last ? same + 1 : 0;
    last = now;
  }
  // A link may wrap over lines: tap its first line, where the words are.
  const line = el.getClientRects()[0];
  const x = line.left + Math.min(line.width / 2, 40), y = line.top + line.height / 2;
  const hit = document.elementFromPoint(x, y);
  const screens = (line.top + (list ? list.scrollTop : scrollY)) / innerHeight;
  return hit && (el === hit || el.contains(hit)) ? {x, y, screens} : null;
}"""

# ---------- Where the answer is ----------

# The first of `words` found inside the elements matching `scope`, as the rectangle of those
# words alone (a long paragraph may start on screen and end far below it).
WORDS_RECT_JS = """([scope, words]) => {
  for (const root of document.querySelectorAll(scope)) {
    if (!root.getClientRects().length) continue;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let text = '', nodes = [];
    for (let n; (n = walker.nextNode());) { nodes.push([n, text.length]); text += n.data; }
    const flat = text.replace(/\\s+/g, ' ');
    for (const want of words) {
      // Find `want` in the text with any run of white space matching one space.
      const pattern = new RegExp(want.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&').replace(/ /g, '\\\\s+'));
      const found = pattern.exec(text);
      if (!found) continue;
      const at = (i) => { let k = nodes.length - 1; while (nodes[k][1] > i) k--; return [nodes[k][0], i - nodes[k][1]]; };
      const range = document.createRange();
      range.setStart(...at(found.index));
      range.setEnd(...at(found.index + found[0].length - 1)); range.setEnd(range.endContainer, range.endOffset + 1);
      const box = range.getBoundingClientRect();
      if (!box.height) continue;
      const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
      return {words: found[0].replace(/\\s+/g, ' '), top: box.top, bottom: box.bottom, header, screen: innerHeight};
    }
  }
  return null;
}"""


@dataclass
class Answer:
    scope: str  # where the answer is on the landing page (CSS selector)
    words: list[str]  # the answer's words: the first found counts (e.g. "2240" or "2,240")


@dataclass
class Task:
    name: str
    taps: list = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    page: str = ""  # the path the taps land on ("" is the home page)


def money(amount) -> str:
    return f"${amount:,}" if isinstance(amount, int) else str(amount)


def cost_answer(clinic: dict) -> list[str]:
    """What the home page's first screen says of the first year: the cost page's worked
    example when every price is confirmed, else the first course and the consultation."""
    price, sessions = clinic["price"], clinic["sessions"]
    parts = [price["blood_tests"], price["later_session"], sessions["later_min"]]
    if all(isinstance(p, int) for p in [*parts, sessions["later_max"]]):
        year = price["amount"] + price["blood_tests"]
        low = year + sessions["later_min"] * price["later_session"]
        high = year + sessions["later_max"] * price["later_session"]
        return [
            f"{money(year)} for the first year with no later sessions",
            f"{money(low)} to {money(high)} with them",
            "plus the first consultation",
        ]
    return [f"the first course is about {money(price['amount'])}", "first consultation costs"]


def tasks(config: dict) -> list[Task]:
    clinic = config["extra"]["clinic"]
    emergency = config["extra"]["emergency_number"]
    return [
        Task(
            "will it work for me",
            answers=[Answer(".hc-hero", ["Maybe, but it is unproven"])],
        ),
        Task(
            "what will it cost in total",
            answers=[Answer(".hc-hero__cost", [said]) for said in cost_answer(clinic)],
        ),
        Task(
            "is it safe",
            taps=[menu_button, in_menu("Side effects and safety")],
            page="side-effects/",
            answers=[
                Answer("article", ["Most are mild"]),
                Answer("article", [f"Call {emergency} now"]),
            ],
        ),
        Task(
            "how do I book or ask",
            taps=[in_content("Book a consultation")],
            page="contact/",
            answers=[
                Answer("article", ["Book a consultation online"]),
                Answer("article", [clinic["phone"]]),
            ],
        ),
        Task(
            "what should I ask",
            taps=[in_content("What should I ask the doctor?")],
            page="questions-to-ask/",
            # The checklist's first question, whatever its wording.
            answers=[Answer("article .hc-checklist li", ["?"])],
        ),
        Task(
            "something went wrong after treatment",
            taps=[in_content("After your treatment")],
            page="after-treatment/",
            answers=[
                Answer("article", [f"Call {emergency} now"]),
                Answer("article", ["This can be an infection"]),
                Answer("article", [f"Call us today on {clinic['phone']}"]),
            ],
        ),
    ]


def do_task(page: Page, base_url: str, task: Task) -> tuple[list[str], list[str]]:
    """Do `task` from the home page; return what a patient could not do, in words, and notes
    on the way (where each tap was, how far each answer was) for reports/."""
    problems, notes = [], []
    open_page(page, base_url)
    if len(task.taps) > MAX_TAPS:
        problems.append(f"the path needs {len(task.taps)} taps (at most {MAX_TAPS})")
    for find in task.taps:
        target = find(page)
        if not target.count():
            return [*problems, f"no {find.what} to tap on {urlsplit(page.url).path}"], notes
        # As a finger would: scroll the menu's list (or the page) until the target is shown,
        # then tap where it is on the screen.
        point = target.evaluate(SCROLL_TO_JS)
        if point is None:
            return [*problems, f"the {find.what} is covered by something else"], notes
        notes.append(f"tap {find.what} ({point['screens']:.1f} screens down its page)")
        page.touchscreen.tap(point["x"], point["y"])
    want = "/" + task.page
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(want))
    for answer in task.answers:
        expect(page.locator(answer.scope).first).to_be_attached()
        # Where the page lands, before the patient scrolls: the words must be on the first
        # screen below the header, or reachable by scrolling at most one more screen.
        box = page.evaluate(WORDS_RECT_JS, [answer.scope, answer.words])
        if box is None:
            problems.append(f"none of {answer.words} is shown in {answer.scope}")
            continue
        scroll = max(0.0, box["bottom"] - box["screen"])
        notes.append(f"“{box['words']}” after {scroll / box['screen']:.1f} screens of scrolling")
        if box["top"] < box["header"] - 1:
            problems.append(f"“{box['words']}” is above the screen where the page lands")
        elif scroll > box["screen"]:
            problems.append(
                f"“{box['words']}” needs {scroll / box['screen']:.1f} screens of scrolling "
                "after landing (at most 1)"
            )
    return problems, notes


@pytest.fixture(scope="module")
def config(built_site):
    return built_site.config


@pytest.fixture(scope="module")
def journal():
    """What each task took, for a person to read: reports/patient-journeys.txt."""
    lines: list[str] = []
    yield lines
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "patient-journeys.txt").write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")


@pytest.mark.parametrize("text", list(TEXT_SIZES))
@pytest.mark.parametrize("index", range(6), ids=lambda i: f"task{i + 1}")
def test_patient_task_on_a_phone(browser, site_server, config, journal, index, text):
    task = tasks(config)[index]
    context, page = phone(browser, text=text)
    try:
        problems, notes = do_task(page, site_server, task)
        journal.append(
            f"{index + 1}. {task.name}, {text} text: {len(task.taps)} taps; "
            + "; ".join(notes + problems)
        )
        # The text size held across the taps (Material's rem follows it).
        root = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        assert root == 20 * TEXT_SIZES[text] / 16, f"the page's text is {root} px"
    finally:
        context.close()
    assert not problems, f"“{task.name}” at {text} text: " + "; ".join(problems)


def test_six_tasks_take_at_most_two_taps(config):
    assert len(tasks(config)) == 6
    for task in tasks(config):
        assert len(task.taps) <= MAX_TAPS, task.name
        assert task.answers, task.name


# ---------- Every page fits a 360 px phone ----------


@pytest.mark.parametrize(
    ("scheme", "text"), [("light", "100%"), ("dark", "100%"), ("light", "200%"), ("dark", "200%")]
)
def test_no_page_scrolls_sideways_on_a_phone(browser, site_server, built_site, scheme, text):
    context, page = phone(browser, text=text, scheme=scheme)
    problems = []
    try:
        for html in built_site.html_pages():
            if html == "404.html":
                continue
            open_page(page, page_url(site_server, html))
            wait_for_tables(page)
            for text_found in page.evaluate(OVERFLOW_JS):
                problems.append(
                    at(
                        built_site.source_of(html),
                        f"at 360 px, {scheme}, {text} text: {text_found}",
                        "let it wrap: no fixed widths; tables stack below 15rem (theme.css)",
                    )
                )
    finally:
        context.close()
    assert_none(problems, "pages scroll sideways on a phone")


def wait_for_tables(page: Page) -> None:
    """Tables get their column headings from theme.js once Material has wrapped them."""
    page.wait_for_function(
        "[...document.querySelectorAll('article table')].every(t => t.hasAttribute('data-hc-labelled'))"
    )


# ---------- axe-core on the pages this work changed ----------

CHANGED = ["index.html", "after-treatment/index.html", "cost/index.html",
           "questions-to-ask/index.html", "side-effects/index.html", "contact/index.html"]  # fmt: skip


@pytest.mark.parametrize(
    ("scheme", "text"), [("light", "100%"), ("dark", "100%"), ("light", "200%")]
)
def test_changed_pages_have_no_axe_violations(browser, site_server, built_site, scheme, text):
    context, page = phone(browser, text=text, scheme=scheme)
    problems = []
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    try:
        for html in CHANGED:
            open_page(page, page_url(site_server, html))
            wait_for_tables(page)
            record = PageRecord(where=f"{built_site.source_of(html)} ({scheme}, {text})", url="")
            record.violations = AXE.run(page, options=options).response["violations"]
            problems += axe_problems(record)
            # The phone menu, open: its sections and the call and book actions.
            menu_button(page).tap()
            expect(page.locator("#__drawer")).to_be_checked()
            record = PageRecord(
                where=f"{built_site.source_of(html)} menu ({scheme}, {text})", url=""
            )
            record.violations = AXE.run(
                page, context=".md-sidebar--primary", options=options
            ).response["violations"]
            problems += axe_problems(record)
    finally:
        context.close()
    assert_none(problems, "axe-core found accessibility violations")


# ---------- Screenshots for a person to look at ----------

SHOTS = {"home": "index.html", "cost": "cost/index.html",
         "side-effects": "side-effects/index.html", "after-treatment": "after-treatment/index.html"}  # fmt: skip


def test_phone_screenshots_are_written(browser, site_server):
    REPORTS.mkdir(parents=True, exist_ok=True)
    written = []
    for text in TEXT_SIZES:
        context, page = phone(browser, text=text)
        try:
            for name, html in SHOTS.items():
                open_page(page, page_url(site_server, html))
                wait_for_tables(page)
                size = "" if text == "100%" else "-200pct-text"
                for part, full in (("first", False), ("page", True)):
                    path = REPORTS / f"phone-{name}{size}-{part}.png"
                    page.screenshot(path=path, full_page=full)
                    written.append(path)
        finally:
            context.close()
    assert all(p.stat().st_size > 1000 for p in written)
