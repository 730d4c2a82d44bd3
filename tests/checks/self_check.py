"""Checks for the eligibility page's self-check, run in real Chromium on the served site.

Each check returns Problems naming the script an editor or developer would open. They take a
Playwright page so the same checks run on the real site and on a copy with a planted fault.
"""

from __future__ import annotations

import re

from devtools.chromium import BARRIER, request_barrier, wait_for_path
from sitecheck.core.finding import Finding
from tests.checks.problems import at

SCRIPT = "docs/javascripts/self-check.js"
PAGE = "eligibility/"
BOX = "[data-self-check]"
RESULT = "[data-self-check-result]"
BOXES = f"{BOX} input[type=checkbox]"
# Every answer ends by sending the reader to a person, never with a verdict.
ENDS_WITH_NEXT_STEP = re.compile(r"talk to your doctor,? or book a consultation\.?\s*$", re.I)
# A sign that something else causes the hair loss (the list marked hc-see-doctor-first) sends
# the reader to their own doctor or a dermatologist first, never to book with the clinic.
DOCTOR_FIRST_LIST = ".hc-see-doctor-first"
ENDS_WITH_OTHER_WAYS = re.compile(r"talk to your own doctor about other ways[^.]*\.?\s*$", re.I)
ENDS_WITH_DOCTOR_FIRST = re.compile(r"see your own doctor or a dermatologist first\.?\s*$", re.I)
OFFERS_BOOKING = re.compile(r"book a consultation", re.I)
VERDICT = re.compile(r"\beligible\b|\bsuitable\b|\bqualify\b|\byou can have\b", re.I)

# The article without the self-check: what the script must leave alone. The address's #part
# is left out: Material's navigation.tracking updates it as the reader scrolls.
OUTSIDE_SNAPSHOT = """() => {
  const article = document.querySelector('article').cloneNode(true);
  article.querySelectorAll('[data-self-check]').forEach((el) => el.remove());
  return document.title + '\\n' + location.pathname + '\\n' + article.outerHTML;
}"""
STORAGE_SNAPSHOT = """() => JSON.stringify({
  cookie: document.cookie,
  local: Object.entries(localStorage),
  session: Object.entries(sessionStorage),
})"""


def result_text(page) -> str:
    return page.locator(RESULT).inner_text().strip()


# Answers that send the reader elsewhere, never to a consultation: (their ending, what is
# wrong when they do not, the fix).
DOCTOR_FIRST_ANSWER = (
    ENDS_WITH_DOCTOR_FIRST,
    "(a sign that something else causes the hair loss) the answer does not send the reader to "
    "their own doctor first",
    "end it with 'please see your own doctor or a dermatologist first.', and do not offer a "
    "consultation with the clinic",
)
RULE_ANSWER = (
    ENDS_WITH_OTHER_WAYS,
    "(one of the clinic's rules) the answer offers a consultation the clinic would refuse, or "
    "no next step",
    "end it with 'Please talk to your own doctor about other ways to help your hair loss.', and "
    "do not offer a consultation with the clinic",
)


def check_answer(
    text: str, state: str, doctor_first: bool = False, rule: bool = False
) -> list[Finding]:
    """`doctor_first`: a sign that something else causes the hair loss is ticked; `rule`: only
    sentences of the first list (the clinic's own rules: it does not treat them)."""
    problems = []
    if VERDICT.search(text):
        problems.append(
            at(
                SCRIPT,
                f"with {state} the self-check gives a verdict: “{text}”",
                "never tell readers they are eligible or suitable; only a doctor can decide",
            )
        )
    elsewhere = DOCTOR_FIRST_ANSWER if doctor_first else RULE_ANSWER if rule else None
    if elsewhere:
        ending, what, fix = elsewhere
        if not ending.search(text) or OFFERS_BOOKING.search(text):
            problems.append(at(SCRIPT, f"with {state} {what}: “{text}”", fix))
    elif not ENDS_WITH_NEXT_STEP.search(text):
        problems.append(
            at(
                SCRIPT,
                f"with {state} the answer does not end with the next step: “{text}”",
                "end every answer with 'Please talk to your doctor, or book a consultation.'",
            )
        )
    return problems


def is_doctor_first(box) -> bool:
    return box.evaluate(f"el => !!el.closest('{DOCTOR_FIRST_LIST}')")


def focus_first_box_with_tab(page, limit: int = 150) -> bool:
    first = page.locator(BOXES).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            return True
    return False


def check_keyboard_only(page) -> list[Finding]:
    """Tab to the checklist, tick two boxes with Space; the answer must follow."""
    where = "docs/eligibility.md"
    if not focus_first_box_with_tab(page):
        return [
            at(
                where,
                "the self-check's first box cannot be reached with the Tab key",
                "use native <input type=checkbox> inside <label>, without tabindex=-1",
            )
        ]
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    ticked = page.locator(f"{BOXES}:checked").count()
    if ticked != 2:
        return [
            at(
                where,
                f"after Tab, Space, Tab, Space {ticked} boxes are ticked instead of 2",
                "keep each box a native checkbox so Space ticks it",
            )
        ]
    text = result_text(page)
    problems = check_answer(text, "two boxes ticked by keyboard", rule=True)
    if "2" not in text:
        problems.append(
            at(
                SCRIPT,
                f"the answer did not follow the keyboard ticks: “{text}”",
                "update the answer on the 'change' event, which keyboard ticks also fire",
            )
        )
    return problems


def check_every_answer(page) -> list[Finding]:
    """No ticks, each single tick, and all ticks: never a verdict, always the next step."""
    boxes = page.locator(BOXES)
    problems = check_answer(result_text(page), "no box ticked")
    doctor_first = [is_doctor_first(boxes.nth(i)) for i in range(boxes.count())]
    if not any(doctor_first):
        problems.append(
            at(
                "docs/eligibility.md",
                "the self-check has no list of signs that something else causes the hair loss",
                f'put those signs in their own list: <ul class="self-check__list '
                f'{DOCTOR_FIRST_LIST[1:]}">',
            )
        )
    for i in range(boxes.count()):
        boxes.nth(i).check()
        problems += check_answer(
            result_text(page), f"only box {i + 1} ticked", doctor_first[i], not doctor_first[i]
        )
        boxes.nth(i).uncheck()
    for i in range(boxes.count()):
        boxes.nth(i).check()
    problems += check_answer(result_text(page), "every box ticked", any(doctor_first))
    whole = page.locator(BOX).inner_text().strip()
    if not ENDS_WITH_NEXT_STEP.search(whole):
        problems.append(
            at(
                "docs/eligibility.md",
                "the self-check box does not end with 'talk to your doctor, or book a consultation'",
                "keep the closing sentence with the consultation link as the last thing in the box",
            )
        )
    return sorted(set(problems))


def check_sends_and_stores_nothing(page) -> list[Finding]:
    """Tick every box; no request, cookie, storage or change outside the box may follow."""
    page.wait_for_load_state("networkidle")  # the favicon and theme files arrive late
    # Chromium itself fetches the tab icon again when Material's navigation.tracking updates
    # the address on scroll; that request is the browser's, not the script's.
    icon = page.evaluate("() => document.querySelector('link[rel~=icon]')?.href")
    requests: list[str] = []
    page.on(
        "request",
        lambda r: (
            (r.url, r.resource_type) != (icon, "other")
            and not r.url.endswith(BARRIER)
            and requests.append(r.url)
        ),
    )
    storage_before = page.evaluate(STORAGE_SNAPSHOT)
    cookies_before = page.context.cookies()
    outside_before = page.evaluate(OUTSIDE_SNAPSHOT)
    boxes = page.locator(BOXES)
    for i in range(boxes.count()):
        boxes.nth(i).check()
    boxes.first.uncheck()
    request_barrier(page)  # every request the ticks started has been reported by now
    problems = []
    if requests:
        problems.append(
            at(
                SCRIPT,
                f"ticking boxes made network requests: {', '.join(requests)}",
                "the self-check must work in the browser alone; remove fetch/XHR/beacons/images",
            )
        )
    if (
        page.evaluate(STORAGE_SNAPSHOT) != storage_before
        or page.context.cookies() != cookies_before
    ):
        problems.append(
            at(
                SCRIPT,
                "ticking boxes wrote cookies, localStorage or sessionStorage",
                "keep the answers in the page only; store nothing",
            )
        )
    if page.evaluate(OUTSIDE_SNAPSHOT) != outside_before:
        problems.append(
            at(
                SCRIPT,
                "ticking boxes changed the page outside the self-check (title, address or text)",
                "write only into the self-check's own result line",
            )
        )
    return problems


def check_after_instant_navigation(page, base_url: str) -> list[Finding]:
    """Arrive from the home page by Material's instant navigation; the check must still work."""
    page.goto(base_url)
    # Material's instant navigation is set up once the theme's loader has run its scripts; a
    # click before that is an ordinary page load (a race on a busy machine).
    page.wait_for_selector("html[data-hc-scripts='ready']", state="attached")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(f'article a[href$="{PAGE}"]').first.click()
    # The path, not the whole address: navigation.tracking may keep the home page's #part.
    wait_for_path(page, PAGE)
    page.locator(BOX).wait_for()  # only the eligibility page has the self-check
    if not page.evaluate("() => window.__sameDocument === true"):
        return [
            at(
                "mkdocs.yml",
                "following a link reloaded the whole page, so instant navigation was not tested",
                "keep 'navigation.instant' under theme: features:, and serve the site at its "
                "site_url (Material navigates instantly only within the addresses in sitemap.xml)",
            )
        ]
    page.locator(BOXES).first.check()
    text = result_text(page)
    problems = check_answer(text, "one box ticked after instant navigation", rule=True)
    if "1" not in text:
        problems.append(
            at(
                SCRIPT,
                f"after instant navigation the self-check did not answer: “{text}”",
                "set it up inside Material's document$.subscribe(...), which runs after every "
                "page change, not only on DOMContentLoaded",
            )
        )
    return problems
