"""A notice or offer whose date has passed: a holiday closing, "lines down today", "offer ends
March 1". Left up, it tells patients the clinic is closed, or the phone does not work, when it
is not. A block of the page's text that states a full date (with its day and year) and reads as
a notice (closed, open, until, through, ends, today, offer …) is refused once its last date is
before the day of the build.

Dates in the past that are history ("a 2019 study", "the FDA warned in March 2024") have no day,
or no notice word, and pass.
"""

from __future__ import annotations

import datetime as dt
import re

from sitecheck.core.finding import Finding
from sitecheck.core.page_tree import inline_text
from sitecheck.core.source_lines import locate

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# "December 24, 2025", "Dec. 24 2025", "24 December 2025", "2025-12-24", "12/24/2025"; a date
# without its year takes the year of the next date in the same block ("December 24 to
# January 2, 2026").
DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?(?:,?\s+(?P<y2>\d{{4}}))?\b"
    r"|\b(?P<y3>20\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)\b"
    r"|\b(?P<m4>\d{1,2})/(?P<d4>\d{1,2})/(?P<y4>20\d\d)\b",
    re.IGNORECASE,
)
NOTICE = re.compile(
    r"\b(closed?|closing|re-?open\w*|open again|until|till|through|thru|ends?|ending|expires?|"
    r"valid|offer|discount|sale|deal|promotion|deadline|book by|holiday|vacation|today|tonight|"
    r"tomorrow|this (?:week|weekend|month)|(?:is|are) down|not working|unavailable|starting|"
    r"from\s[^.]{0,40}\s(?:to|until))\b",
    re.IGNORECASE,
)
BLOCKS = ("p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "summary")


def dates_in(text: str) -> list[tuple[str, dt.date]]:
    """Every full date in the text, in order; a date missing its year borrows the next one's."""
    found = []
    for match in DATE.finditer(text):
        g = match.groupdict()
        if g["m1"]:
            month, day, year = MONTHS[g["m1"].lower()], g["d1"], g["y1"]
        elif g["m2"]:
            month, day, year = MONTHS[g["m2"].lower()], g["d2"], g["y2"]
        elif g["y3"]:
            month, day, year = int(g["m3"]), g["d3"], g["y3"]
        else:
            month, day, year = int(g["m4"]), g["d4"], g["y4"]
        found.append([match.group(0), month, int(day), int(year) if year else None])
    following = None  # (year, month) of the next date in the text
    for item in reversed(found):
        if item[3] is None and following is not None:
            # "December 29 to January 3, 2026": the first date is in the year before
            item[3] = following[0] - 1 if item[1] > following[1] else following[0]
        if item[3] is not None:
            following = (item[3], item[1])
    out = []
    for shown, month, day, year in found:
        if year is None:
            continue
        try:
            out.append((shown, dt.date(year, month, day)))
        except ValueError:
            continue
    return out


def check_text(text: str, today: dt.date) -> tuple[str, dt.date] | None:
    """The last date of a notice whose dates have all passed, or None."""
    dates = dates_in(text)
    if not dates or not NOTICE.search(text):
        return None
    last = max(dates, key=lambda d: d[1])
    return last if last[1] < today else None


def check_page(page, context) -> list[Finding]:
    if not page.is_doc or page.content is None:
        return []
    today = getattr(context, "today", None) or dt.date.today()
    out, seen = [], set()
    foot = page.foot
    for element in page.content.iter(*BLOCKS):
        if foot is not None and any(a is foot for a in element.iterancestors()):
            continue
        found = check_text(" ".join(inline_text(element).split()), today)
        if not found or found[0] in seen:
            continue
        seen.add(found[0])
        shown, when = found
        file, line = locate(page.raw, page.file, getattr(context, "project", None), shown)
        out.append(
            Finding(
                file,
                line,
                f"this notice's date has passed: it says “{shown}” ({when:%B} {when.day}, "
                f"{when.year}), before today ({today:%B} {today.day}, {today.year}); patients "
                "would read an old closing, offer or outage as if it were current.",
                "delete the notice, or write the new dates if it is still true.",
            )
        )
    return out
