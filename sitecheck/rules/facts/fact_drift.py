"""Facts cannot drift: a figure that is, or was, a clinic fact typed into a page goes stale the
day the clinic changes it. Also the facts agree with themselves (a price item is either included
or excluded; the phone shown and its dialling link are the same number) and the emergency
number is the one of the clinic's country.

The history of the facts is in git (`git log -p` of the file that holds them): an old price
typed into a page is named with the fact to write instead.
"""

from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import without_code

FACT_FILES = ("clinic.yml", "mkdocs.yml")  # the facts now, and where they lived before
MONEY = re.compile(
    r"(?:US\s?\$|\$|USD\s?)\s?\d[\d,]*(?:\.\d\d)?\b|\b\d[\d,]*(?:\.\d\d)?\s?(?:USD|US dollars?|dollars?)\b"
)
CLINIC_VOICE = re.compile(r"\b(you|your|we|our|us)\b", re.IGNORECASE)
UNITS = {
    "session": ("clinic.sessions.first_course", "the number of sessions in the first course"),
    "month": ("clinic.result_assessment_months", "when the clinic checks the result"),
}
COUNT = re.compile(r"\b(\d{1,2})\s+(session|month)s?\b", re.IGNORECASE)
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|"
    "twenty|twenty-four|thirty|thirty-six"
)
# The result check and the gap between the two sessions, however the number is written
# ("six-month check", "9 month review", "6 weeks later for the second session"): facts too.
NAMED_COUNT = [
    (
        re.compile(
            rf"\b(\d{{1,2}}|{NUMBER_WORDS})[\s-]+months?\s+(check|assessment|review|visit|"
            r"follow-up|appointment)",
            re.IGNORECASE,
        ),
        None,
        "clinic.result_assessment_months",
        "when the clinic checks the result",
    ),
    (
        re.compile(
            rf"\b(\d{{1,2}}|{NUMBER_WORDS})[\s-]+weeks?\s+(later|after|apart|between)",
            re.IGNORECASE,
        ),
        re.compile(r"\bsessions?\b|\bsecond (visit|treatment|injection)", re.IGNORECASE),
        "clinic.sessions.interval",
        "the time between the two sessions",
    ),
]
# Emergency numbers of other countries, typed after "call" or "dial".
FOREIGN_EMERGENCY = re.compile(
    r"\b(?:call|dial|ring|phone|telephone|llame|llama|llamar|marque|marca|appelez|composez|"
    r"appeler|ligue|chiami|rufen\s+sie|bel|g\u1ecdi)\s+(?:the\s+|al\s+|el\s+|a[lou]?\s+|le\s+|"
    r"o\s+|den\s+|số\s+)?(999|112|000|111|119|110|995|997|15|17|"
    r"18|061|0800)\b",
    re.IGNORECASE,
)
COUNTRY_EMERGENCY = {"1": "911"}  # by the country code of the clinic's phone


def _plain(raw: str, *, shown_fields: bool = False) -> str:
    text = without_code(raw, keep_shown_fields=shown_fields)
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}", lambda m: " " * len(m.group(0)), text, flags=re.S)


@lru_cache(maxsize=8)
def history(project: Path, head: str) -> tuple[tuple[str, str], ...]:
    """(key, value) of every numeric or phone fact the facts file ever had, from git."""
    files = [f for f in FACT_FILES if (project / f).is_file()]
    try:
        log = subprocess.run(
            ["git", "log", "-p", "--format=", "--", *files],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    out = set()
    for line in log.splitlines():
        found = re.match(r"^[-+ ]\s+([a-z_]+):\s*[\"']?([+\d][\d\s,.()-]*\d)[\"']?\s*$", line)
        if found:
            out.add((found.group(1), found.group(2)))
    return tuple(sorted(out))


def _head(project: Path) -> str:
    try:
        return (
            (project / ".git").read_text(encoding="utf-8")[:200]
            if (project / ".git").is_file()
            else str((project / ".git" / "HEAD").stat().st_mtime_ns)
        )
    except OSError:
        return ""


def check_source(raw: str, file: str, facts: dict, project: Path | None = None) -> list[Finding]:
    text = _plain(raw)
    lines = text.split("\n")
    # The title and description show too (in search results), and cannot use facts.
    shown = _plain(raw, shown_fields=True).split("\n")
    out = []
    past = history(project, _head(project)) if project is not None else ()
    old = {}
    for key, value in past:
        digits = re.sub(r"\D", "", value)
        if len(digits) >= 3:  # distinctive enough: a price, a phone number
            old.setdefault(digits, key)
    current = {re.sub(r"\D", "", str(v)) for v in _numbers(facts)}
    for number, line in enumerate(lines, start=1):
        for found in MONEY.finditer(line):
            if re.sub(r"\D", "", found.group(0)) in current:
                continue  # a fact's current value: hand_typed.py names the fact to write
            out.append(
                Finding(
                    file,
                    number,
                    f"a price (“{found.group(0).strip()}”) is typed into the page; when the "
                    "clinic changes its prices, this one stays wrong (and a cost that is not a "
                    "price for patients must not be published).",
                    "write the price from the clinic's facts, e.g. {{ clinic.price.amount }} "
                    "{{ clinic.price.currency }}; a new price goes into the facts first (ask a "
                    "developer).",
                )
            )
        for found in re.finditer(r"(?<![\w.,])\d[\d,]{2,}(?![\w,]|\.\d)", line):
            digits = found.group(0).replace(",", "")
            if (
                digits in old
                and not MONEY.search(line)
                and (len(digits) >= 4 or CLINIC_VOICE.search(line))
            ):
                key = old[digits]
                out.append(
                    Finding(
                        file,
                        number,
                        f"“{found.group(0)}” is, or was, the clinic's fact '{key}'; typed by hand "
                        "it goes stale when the fact changes.",
                        f"write the fact instead (for example {{{{ clinic.{_path(facts, key)} }}}}).",
                    )
                )
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            if not CLINIC_VOICE.search(sentence):
                continue
            for found in COUNT.finditer(sentence):
                fact, meaning = UNITS[found.group(2).lower()]
                if fact == "clinic.result_assessment_months" and not re.search(
                    r"\b(check|result|assess|see)\w*", sentence, re.IGNORECASE
                ):
                    continue
                out.append(
                    Finding(
                        file,
                        number,
                        f"“{found.group(0)}” is typed into the page, but {meaning} is a clinic "
                        "fact; when it changes, this page would say something else.",
                        f"write {{{{ {fact} }}}} instead of the number.",
                    )
                )
        said = shown[number - 1] if number <= len(shown) else line
        for pattern, needs, fact, meaning in NAMED_COUNT:
            for found in pattern.finditer(said):
                sentence = next(
                    (s for s in re.split(r"(?<=[.!?])\s+", said) if found.group(0) in s), said
                )
                if needs is not None and not needs.search(sentence):
                    continue
                if CLINIC_VOICE.search(sentence) and COUNT.search(found.group(0)):
                    continue  # already named above
                out.append(
                    Finding(
                        file,
                        number,
                        f"“{found.group(0)}” is typed into the page, but {meaning} is a clinic "
                        "fact; when the clinic changes it, this page says something else.",
                        f"write {{{{ {fact} }}}} instead of the number (in a description or "
                        "title, which cannot use facts, leave the number out: 'the check of "
                        "your result').",
                    )
                )
        for found in FOREIGN_EMERGENCY.finditer(line):
            out.append(
                Finding(
                    file,
                    number,
                    f"“{found.group(0)}” is not the emergency number where the clinic is.",
                    "write {{ emergency_number }} (911 in the United States; 988 is the "
                    "suicide and crisis line).",
                )
            )
    return out


def _numbers(facts) -> list:
    """Every number among the clinic's facts (their current values)."""
    if isinstance(facts, dict):
        return [n for v in facts.values() for n in _numbers(v)]
    if isinstance(facts, list):
        return [n for v in facts for n in _numbers(v)]
    return [facts] if isinstance(facts, int | float) and not isinstance(facts, bool) else []


def _path(facts: dict, key: str) -> str:
    """The dotted name of a fact key, e.g. 'amount' -> 'price.amount'."""

    def walk(value, prefix):
        if isinstance(value, dict):
            for name, inner in value.items():
                dotted = f"{prefix}.{name}" if prefix else name
                if name == key:
                    return dotted
                if found := walk(inner, dotted):
                    return found
        return None

    return walk(facts, "") or key


def _line(project: Path, pattern: str, after: str = "") -> tuple[str, int]:
    for name in FACT_FILES:
        path = project / name
        if not path.is_file():
            continue
        started = not after
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            started = started or line.strip().startswith(after)
            if started and re.search(pattern, line):
                return name, number
    return "mkdocs.yml", 0


def check_facts(pages, context) -> list[Finding]:
    """The facts agree with themselves and with the clinic's country (a site rule: once)."""
    facts = context.clinic or {}
    extra = context.config.get("extra") or {}
    project = context.project
    out = []
    price = facts.get("price") if isinstance(facts.get("price"), dict) else {}
    inc = [" ".join(str(x).lower().split()) for x in price.get("includes") or []]
    for item in price.get("excludes") or []:
        if " ".join(str(item).lower().split()) in inc:
            file, line = _line(project, rf"^\s*-\s*{re.escape(str(item))}\s*$", after="excludes:")
            out.append(
                Finding(
                    file,
                    line,
                    f"“{item}” is listed both in what the price includes and in what it excludes.",
                    "keep it in one of the two lists only (price: includes: or excludes:).",
                )
            )
    phone, link = str(facts.get("phone") or ""), str(facts.get("phone_link") or "")
    if phone and link and re.sub(r"\D", "", phone)[-7:] != re.sub(r"\D", "", link)[-7:]:
        file, line = _line(project, r"^\s*phone_link\s*:")
        out.append(
            Finding(
                file,
                line,
                f"the phone number shown ({phone}) and the number dialled when patients tap it "
                f"({link}) are different.",
                f"write the same number in phone_link, digits only with the country code, "
                f"e.g. +{re.sub(r'[^0-9]', '', phone)}.",
            )
        )
    host = (urlsplit(context.site_url).hostname or "").lower()
    if re.search(r"(^|[.-])(staging|stage|dev|test|preview|beta|uat|qa|localhost)([.-]|$)", host):
        file, line = _line(project, r"^site_url\s*:")
        out.append(
            Finding(
                file,
                line,
                f"the site's address ({context.site_url}) is a test or staging server: every "
                "page's links, the sitemap and search engines would send patients there.",
                "write the public address where patients find the site in site_url (test "
                "servers are set by whoever runs them, not in mkdocs.yml).",
            )
        )
    emergency = str(extra.get("emergency_number") or "")
    code = re.match(r"^\s*\+(\d)", phone)
    want = COUNTRY_EMERGENCY.get(code.group(1)) if code else None
    if want and emergency and emergency != want:
        file, line = _line(project, r"^\s*emergency_number\s*:")
        out.append(
            Finding(
                file,
                line,
                f"the emergency number is {emergency}, but the clinic's phone is in the United "
                f"States, where the emergency number is {want}.",
                f'write emergency_number: "{want}" (988 is the suicide and crisis line, not '
                "the emergency number).",
            )
        )
    return out
