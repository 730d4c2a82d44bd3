"""Prove a fact changed in clinic.yml reaches every page: compare two builds of a project copy.

The rule that a page must not type a fact by hand is the engine's (sitecheck/rules/facts/hand_typed.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from devtools.site import Build
from sitecheck.core.config import load_config
from sitecheck.core.finding import Finding
from sitecheck.core.page_tree import parse, visible_text_blocks
from sitecheck.rules.facts.hand_typed import fact_pattern
from tests.checks.problems import at


def clinic_facts(project: Path) -> dict:
    return load_config(project / "mkdocs.yml")["extra"]["clinic"]


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
    """Set a new price and phone in a project copy's clinic.yml; return the old facts."""
    facts = clinic_facts(project.root)
    project.replace("clinic.yml", f"amount: {facts['price']['amount']}\n", f"amount: {price}\n")
    project.replace("clinic.yml", f'phone: "{facts["phone"]}"', f'phone: "{phone}"')
    project.replace(
        "clinic.yml", f'phone_link: "{facts["phone_link"]}"', f'phone_link: "{phone_link}"'
    )
    return facts


def stale_facts(before: Build, after: Build, old, new, what: str) -> list[Finding]:
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
            at(
                after.source_of(html),
                f"{what} was changed in clinic.yml from {old} to {new}, but this page {state}",
                f"write {what} as its {{{{ clinic.* }}}} value, never as typed text",
            )
        )
    index = after.site / "search" / "search_index.json"
    if old_pattern.search(index.read_text(encoding="utf-8")):
        problems.append(
            at(
                "search/search_index.json",
                f"site search still finds the old value of {what}: {old}",
                "find the page that types it by hand (see the other problems) and use the fact",
            )
        )
    return problems
