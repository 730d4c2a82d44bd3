"""Clinic facts live once in mkdocs.yml (`extra: clinic:`); pages must not type them by hand.

A price or phone number typed into a page silently goes stale when the clinic changes it in
mkdocs.yml. This finds such copies in the Markdown and names the file, the line and the fact.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitecheck.html import parse, visible_text_blocks
from tests.checks.problems import Problem
from tests.checks.site import Build, load_config_yaml

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


def clinic_facts(project: Path) -> dict:
    return load_config_yaml(project / "mkdocs.yml")["extra"]["clinic"]


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


def typed_facts(project: Path) -> list[Problem]:
    facts = clinic_facts(project)
    patterns = [
        (name, fact_value(facts, name), fact_pattern(fact_value(facts, name))) for name in WATCHED
    ]
    problems = []
    for path in sorted((project / "docs").rglob("*.md")):
        source = path.relative_to(project).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for name, value, pattern in patterns:
                if pattern.search(line):
                    problems.append(
                        Problem(
                            f"{source}:{number}",
                            f"{WATCHED[name]} ({value!s}) is typed into the page",
                            f"write {{{{ clinic.{name} }}}} instead, so a change in mkdocs.yml "
                            "reaches this page too",
                        )
                    )
    return problems


def shown_text(page: Path) -> str:
    """What a reader or a search engine sees: title, description, text and link targets."""
    doc = parse(page)
    parts = [doc.findtext(".//title") or ""]
    parts += doc.xpath('//meta[@name="description"]/@content')
    body = doc.find("body")
    parts += visible_text_blocks(body) if body is not None else []
    parts += [str(h) for h in doc.xpath("//a/@href") if str(h).startswith(("tel:", "mailto:"))]
    return "\n".join(parts)


def pages_showing(site: Path, pattern: re.Pattern) -> set[str]:
    return {
        page.relative_to(site).as_posix()
        for page in sorted(site.rglob("*.html"))
        if pattern.search(shown_text(page))
    }


def change_facts(project, price: int, phone: str, phone_link: str) -> dict:
    """Set a new price and phone in a project copy's mkdocs.yml; return the old facts."""
    facts = clinic_facts(project.root)
    project.replace("mkdocs.yml", f"amount: {facts['price']['amount']}\n", f"amount: {price}\n")
    project.replace("mkdocs.yml", f'phone: "{facts["phone"]}"', f'phone: "{phone}"')
    project.replace(
        "mkdocs.yml", f'phone_link: "{facts["phone_link"]}"', f'phone_link: "{phone_link}"'
    )
    return facts


def stale_facts(before: Build, after: Build, old, new, what: str) -> list[Problem]:
    """Pages (and the search index) that kept `old`, or lost it without gaining `new`."""
    old_pattern, new_pattern = fact_pattern(old), fact_pattern(new)
    still_old = pages_showing(after.site, old_pattern)
    has_new = pages_showing(after.site, new_pattern)
    problems = []
    for html in sorted(pages_showing(before.site, old_pattern) | still_old):
        if html in still_old:
            state = "still shows the old value"
        elif html not in has_new:
            state = "no longer shows it at all"
        else:
            continue
        problems.append(
            Problem(
                after.source_of(html),
                f"{what} was changed in mkdocs.yml from {old} to {new}, but this page {state}",
                f"write {what} as its {{{{ clinic.* }}}} value, never as typed text",
            )
        )
    index = after.site / "search" / "search_index.json"
    if old_pattern.search(index.read_text(encoding="utf-8")):
        problems.append(
            Problem(
                "search/search_index.json",
                f"site search still finds the old value of {what}: {old}",
                "find the page that types it by hand (see the other problems) and use the fact",
            )
        )
    return problems
