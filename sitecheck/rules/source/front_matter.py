"""Front matter: valid YAML, every required field, real dates, honest review dates, a real summary.

Patients see `reviewed`/`next_review` as the page's currency and search engines show
`description`; the NHS reviews pages at least every three years, so `next_review` may not be later.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import yaml

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import front_matter_end
from sitecheck.core.yaml_keys import duplicate_keys
from sitecheck.core.yaml_loader import SafeLoader

TITLE_MAX = 60
# Words of advertising and search tricks, not of a page's name.
SEARCH_WORDS = re.compile(
    r"\b(best|cheapest|cheap|top[- ]?rated|#\s?1|no\.?\s?1|number one|near me|affordable|"
    r"guaranteed|leading|lowest|discount|deals?)\b",
    re.IGNORECASE,
)


def stuffed_title(title: str, limit: int = TITLE_MAX) -> str:
    """Why a title reads as search words, or "" when it reads as a page's name."""
    text = " ".join(title.split())
    if re.search(r"\s[|•·/]\s|\s[-\u2013\u2014]\s.*\s[-\u2013\u2014|]\s", text):
        return "phrases joined with '|' or dashes"
    if found := SEARCH_WORDS.search(text):
        return f"“{found.group(0)}”"
    words = re.findall(r"[a-z]{3,}", text.lower())
    common = ("and", "the", "for", "your", "you", "what", "how", "who", "with", "can", "from")
    times = 2 if limit == TITLE_MAX else 3  # a sentence may say a word twice
    repeated = sorted({w for w in words if words.count(w) >= times and w not in common})
    if repeated and len(text.split()) > 6:  # "step by step" is a name; a list of keywords repeats
        return f"“{repeated[0]}” more than once"
    if len(text) > limit:
        return f"{len(text)} characters"
    return ""


REQUIRED = ("title", "description", "reviewed", "next_review", "reviewed_by")
DESCRIPTION_MAX = 160
DESCRIPTION_MIN = 30
MAX_REVIEW_YEARS = 3
# A role, never a named person: "Dr Jane Smith" is invented; "Clinic medical team" is a role.
PERSON_TITLE = re.compile(r"^\s*(dr|prof|professor|mr|mrs|ms|miss|mx)\b\.?\s", re.IGNORECASE)

EXAMPLE = (
    "---\ntitle: Cost\ndescription: One sentence of 30 to 160 characters.\n"
    "reviewed: 2026-11-01\nnext_review: 2027-11-01\nreviewed_by: Clinic medical team\n---"
)


class FrontMatterError(Exception):
    """The front matter cannot be read at all, so the page must not be published."""

    def __init__(self, finding: Finding):
        super().__init__(str(finding))
        self.finding = finding


def read(text: str, file: str) -> tuple[dict | None, dict[str, int]]:
    """The fields (None without front matter) and the line of each; raises FrontMatterError.

    Three checks read each page's front matter during a build; the parse is cached by text.
    """
    data, lines = _read_cached(text, file)
    return (dict(data) if data is not None else None), dict(lines)


@functools.lru_cache(maxsize=4096)
def _read_cached(text: str, file: str) -> tuple[dict | None, dict[str, int]]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None, {}
    end = front_matter_end(lines)
    if not end:
        raise FrontMatterError(
            Finding(
                file,
                1,
                "the front matter opened with '---' is never closed.",
                "add a line with just '---' after the last field (title, description, ...).",
            )
        )
    block = "\n".join(lines[1:end])
    field_lines = {}
    for number, line in enumerate(lines[1:end], start=2):
        key = re.match(r"([A-Za-z_][\w-]*)\s*:", line)
        if key:
            field_lines.setdefault(key.group(1), number)
    try:
        repeated = duplicate_keys(block, first_line=2)
        data = yaml.load(block, Loader=SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 for 1-based lines
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise FrontMatterError(
            Finding(
                file,
                line,
                f"the front matter is not valid YAML ({problem}).",
                "write each field as 'name: value' on its own line; put quotes around "
                "values that contain a colon (:) or start with a special character.",
            )
        ) from None
    except ValueError as err:  # PyYAML reads 2026-02-30 as a date and fails on it
        bad = next((n for k, n in field_lines.items() if k in ("reviewed", "next_review")), 2)
        raise FrontMatterError(
            Finding(
                file,
                bad,
                f"a date in the front matter does not exist ({err}).",
                "write a real calendar date as YYYY-MM-DD, e.g. 2026-11-01.",
            )
        ) from None
    if repeated and len(text.split()) > 6:  # "step by step" is a name; a list of keywords repeats
        key, first, again = repeated[0]
        raise FrontMatterError(
            Finding(
                file,
                again,
                f"the field '{key}' is written twice (lines {first} and {again}); only the "
                "last one would be used.",
                f"keep one '{key}:' line and delete the other.",
            )
        )
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            Finding(
                file,
                2,
                "the front matter must be a list of 'name: value' fields.",
                "write each field as 'name: value' on its own line.",
            )
        )
    return data, field_lines


# MkDocs' templates do not escape front matter: these characters could leave the <title> or
# the <meta content="..."> they are written into (YAML escapes such as "\x3c" are read first).
UNSAFE_TEXT = re.compile(r'[<>"&\\`\x00-\x08\x0b-\x1f\x7f]')


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check_front_matter(text: str, file: str, today: dt.date) -> list[Finding]:
    try:
        data, lines = read(text, file)
    except FrontMatterError as err:
        return [err.finding]
    if data is None:
        return [
            Finding(
                file,
                1,
                "the page has no front matter (title, description, review dates).",
                f"start the file with these lines, filled in for this page:\n{EXAMPLE}",
            )
        ]
    out: list[Finding] = []

    def add(field: str, what: str, fix: str) -> None:
        out.append(Finding(file, lines.get(field, 2), what, fix))

    for field in REQUIRED:
        if field not in data or data[field] in (None, ""):
            add(
                field,
                f"the front matter has no '{field}'.",
                f"add a line '{field}: ...' between the '---' lines (see the new-page "
                "template in templates/new-page.md).",
            )
    for field in ("title", "description", "reviewed_by"):
        value = data.get(field)
        if value not in (None, "") and not isinstance(value, str):
            add(field, f"'{field}' must be text, not {type(value).__name__}.", "write it as words.")
        elif isinstance(value, str) and UNSAFE_TEXT.search(value):
            shown = ", ".join(sorted({repr(c) for c in UNSAFE_TEXT.findall(value)}))
            add(
                field,
                f"'{field}' contains {shown}: the theme puts it into the page's HTML head as it "
                "is, where these characters can end a tag and start code.",
                "write it in plain words without < > \" & or backslash codes; use 'and' for &, "
                "and single quotes (') for a quotation.",
            )
    title = data.get("title")
    if isinstance(title, str) and (stuffed := stuffed_title(title)):
        add(
            "title",
            f"the title reads as a list of search words ({stuffed}): the browser tab and search "
            "results show it instead of the page's name, and search engines rank such titles "
            "down.",
            f"write the page's name in a few plain words, at most {TITLE_MAX} characters (e.g. "
            "'Cost'); what the page is about goes into its description.",
        )
    description = data.get("description")
    if isinstance(description, str) and (stuffed := stuffed_title(description, limit=10**6)):
        add(
            "description",
            f"the description reads as a list of search words ({stuffed}); search results "
            "show it under the page's name.",
            "write one plain sentence that says what the page tells patients.",
        )
    if isinstance(description, str) and description:
        size = len(description.strip())
        if size > DESCRIPTION_MAX:
            add(
                "description",
                f"the description has {size} characters; search engines cut it after "
                f"{DESCRIPTION_MAX}.",
                f"shorten it to one sentence of at most {DESCRIPTION_MAX} characters.",
            )
        elif size < DESCRIPTION_MIN or description.strip() == str(data.get("title", "")).strip():
            add(
                "description",
                f"the description is too short to say what the page is about ({size} characters).",
                f"write one sentence of {DESCRIPTION_MIN} to {DESCRIPTION_MAX} characters that "
                "summarises the page for a patient.",
            )
    reviewer = data.get("reviewed_by")
    if isinstance(reviewer, str) and PERSON_TITLE.match(reviewer):
        add(
            "reviewed_by",
            f"'reviewed_by' names a person ('{reviewer}'); the site names roles.",
            "write the reviewing role, e.g. 'Clinic medical team'.",
        )
    dates = {}
    for field in ("reviewed", "next_review"):
        value = data.get(field)
        if value in (None, ""):
            continue
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str) and _iso_date(value.strip()):
            add(  # reviewed: "2026-11-20" is text to YAML: the quotes are the only mistake
                field,
                f"'{field}' is written in quotes, so {value.strip()} is read as text, not as a "
                "date.",
                f"remove the quotes: {field}: {value.strip()}",
            )
            continue
        if not isinstance(value, dt.date):
            add(
                field,
                f"'{field}' is not a date ('{value}').",
                "write the date as YYYY-MM-DD without quotes, e.g. 2026-11-01.",
            )
            continue
        dates[field] = value
    reviewed, due = dates.get("reviewed"), dates.get("next_review")
    if reviewed and reviewed > today:
        add(
            "reviewed",
            f"'reviewed' is in the future ({reviewed}).",
            "write the date the medical review actually happened (today or earlier).",
        )
    if reviewed and due and due <= reviewed:
        add(
            "next_review",
            f"'next_review' ({due}) is not after 'reviewed' ({reviewed}).",
            "set the next review to a date after the last one, e.g. one year later.",
        )
    elif reviewed and due and due > add_years(reviewed, MAX_REVIEW_YEARS):
        add(
            "next_review",
            f"'next_review' ({due}) is more than {MAX_REVIEW_YEARS} years after 'reviewed' "
            f"({reviewed}).",
            f"review medical pages at least every {MAX_REVIEW_YEARS} years: set it to "
            f"{add_years(reviewed, MAX_REVIEW_YEARS)} or earlier.",
        )
    return out


def _iso_date(text: str) -> dt.date | None:
    """'2026-11-20' as a date; None for anything else (20/11/2026 is not this mistake)."""
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None
