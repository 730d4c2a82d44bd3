"""Clinic facts live once in clinic.yml (`clinic:`); pages must not type them by hand.

A price or phone number typed into a page silently goes stale when the clinic changes it in
mkdocs.yml. This finds such copies in the Markdown and names the file, the line and the fact.
"""

from __future__ import annotations

import re

from sitecheck.core.finding import Finding

# Facts distinctive enough to find as typed text. Small numbers (2 sessions, 6 months, a
# 90 USD test) are left out: "6 months" in a sentence is not necessarily the clinic's fact.
WATCHED = {
    "price.amount": "the clinic's average price",
    # Also finds phone_link (+15550134): both end in the same local number.
    "phone": "the clinic's phone number",
    "email": "the clinic's e-mail address",
    "booking_url": "the clinic's booking link",
    "address": "the clinic's address",
    "name": "the clinic's name",
}


def fact_value(facts: dict, dotted: str):
    value = facts
    for key in dotted.split("."):
        value = value[key]
    return value


def fact_pattern(value) -> re.Pattern:
    """How the value looks when typed by hand: 1650 or 1,650; 555-0134 or (555) 0134."""
    text = str(value)
    digits = re.sub(r"\D", "", text)
    if isinstance(value, int | float) or re.fullmatch(r"[\d\s.,]+", text):
        body = digits[:-3] + r"[,\s]?" + digits[-3:] if len(digits) > 3 else digits
        return re.compile(rf"(?<![\d.,]){body}(?!\d)")
    if re.fullmatch(r"[+\d\s().-]+", text) and len(digits) >= 7:
        # The local number is enough: "555 0134" is the same phone as "+1 555-0134";
        # the country code may be glued on, as in a tel: link.
        body = r"[\s().-]*".join(digits[-7:])
        prefix = rf"(?:{digits[:-7]}[\s().-]*)?" if digits[:-7] else ""
        return re.compile(rf"(?<!\d){prefix}{body}(?!\d)")
    return re.compile(re.escape(text), re.IGNORECASE)


def check_source(raw: str, file: str, facts: dict) -> list[Finding]:
    """A fact typed into the Markdown goes stale when mkdocs.yml changes: name file and line.
    A rule on the Markdown alone, so it runs as each page is read (engine.check_source)."""
    problems = []
    for name, value, pattern in watched_patterns(facts):
        if not pattern.search(raw):  # most pages: no need to look line by line
            continue
        for number, line in enumerate(raw.splitlines(), start=1):
            if pattern.search(line):
                problems.append(
                    Finding(
                        file,
                        number,
                        f"{WATCHED[name]} ({value!s}) is typed into the page.",
                        f"write {{{{ clinic.{name} }}}} instead, so a change in clinic.yml "
                        "reaches this page too.",
                    )
                )
    return problems


def watched_patterns(facts: dict) -> list[tuple[str, object, re.Pattern]]:
    out = []
    for name in WATCHED:
        try:
            value = fact_value(facts, name)
        except (KeyError, TypeError):
            continue  # a missing fact is the facts schema's finding, not this rule's
        out.append((name, value, fact_pattern(value)))
    return out
