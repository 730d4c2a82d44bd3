"""Which pages are due for their medical review: every page by `next_review`, overdue first,
then the pages due within 30 days (to book their review in time), then the rest.

python -m sitecheck.rules.source.review_dates [--today YYYY-MM-DD]   (or ./run review-dates)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from sitecheck.core.finding import NOTICE, Finding
from sitecheck.rules.source.front_matter import FrontMatterError, read

SOON_DAYS = 30  # a review takes time to arrange: list what falls due within a month


@dataclass(frozen=True, order=True)
class Due:
    next_review: dt.date | None  # None: missing or not a date, listed first as it needs work
    file: str
    reviewed_by: str

    def overdue(self, today: dt.date) -> bool:
        return self.next_review is None or self.next_review < today

    def due_soon(self, today: dt.date) -> bool:
        """Not overdue, but due within SOON_DAYS days (today included)."""
        return not self.overdue(today) and (self.next_review - today).days <= SOON_DAYS


def as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def review_due(raw: str, file: str) -> Due:
    try:
        data, _ = read(raw, file)
    except FrontMatterError:
        data = None
    data = data or {}
    return Due(as_date(data.get("next_review")), file, str(data.get("reviewed_by") or "(nobody)"))


def pages(docs: Path) -> list[Path]:
    return sorted(p for p in docs.rglob("*.md") if "snippets" not in p.relative_to(docs).parts)


def collect(project: Path) -> list[Due]:
    docs = project / "docs"
    found = [
        review_due(p.read_text(encoding="utf-8"), f"docs/{p.relative_to(docs).as_posix()}")
        for p in pages(docs)
    ]
    return sorted(
        found, key=lambda d: (d.next_review is not None, d.next_review or dt.date.min, d.file)
    )


def overdue_notice(due: Due) -> Finding:
    """A notice, not an error: an overdue review never stops publishing."""
    since = f"since {due.next_review}" if due.next_review else "(no valid next_review date)"
    return Finding(
        due.file,
        0,
        f"the medical review is overdue {since}; reviewer: {due.reviewed_by}.",
        "review the page, then set 'reviewed' to the review date and 'next_review' to the "
        "next one (at most 3 years later).",
        "review-date",
        NOTICE,
    )


def report(entries: list[Due], today: dt.date) -> str:
    lines = [f"Medical review dates on {today} (overdue first):", ""]
    width = max((len(e.file) for e in entries), default=10)
    for entry in entries:
        state = "OVERDUE" if entry.overdue(today) else "SOON" if entry.due_soon(today) else "ok"
        date = str(entry.next_review) if entry.next_review else "no date"
        lines.append(f"{state:8} {date:10}  {entry.file:{width}}  {entry.reviewed_by}")
    soon = [e for e in entries if e.due_soon(today)]
    by = today + dt.timedelta(days=SOON_DAYS)
    lines += ["", f"Due within {SOON_DAYS} days (by {by}): {len(soon)} page(s)"]
    for entry in soon:
        days = (entry.next_review - today).days
        lines.append(
            f"  {entry.file}: next review {entry.next_review}, in {days} day(s); "
            f"reviewer: {entry.reviewed_by}. Book the review now."
        )
    late = sum(e.overdue(today) for e in entries)
    lines += ["", f"{len(entries)} pages, {late} overdue, {len(soon)} due within {SOON_DAYS} days."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--project", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    print(report(collect(args.project), args.today))
    return 0


if __name__ == "__main__":
    sys.exit(main())
