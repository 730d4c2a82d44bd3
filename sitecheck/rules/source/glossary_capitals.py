"""Two glossary words that differ only in capitals ('PRP' and 'prp') are two definitions of one
word: which explanation a patient sees depends on how a page happens to write it."""

from __future__ import annotations

import re

from sitecheck.core.finding import Finding

SNIPPET = "docs/snippets/glossary.md"
DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:")


def check_source(raw: str, file: str) -> list[Finding]:
    if file != SNIPPET:
        return []
    seen: dict[str, tuple[str, int]] = {}
    out = []
    for number, line in enumerate(raw.splitlines(), start=1):
        found = DEFINITION.match(line)
        if not found:
            continue
        term = found["term"].strip()
        key = term.lower()
        if key in seen and seen[key][0] != term:
            first, first_line = seen[key]
            out.append(
                Finding(
                    file,
                    number,
                    f"'{term}' and '{first}' (line {first_line}) differ only in capitals: they are "
                    "one word with two explanations, and pages show one or the other depending "
                    "on how they write it.",
                    "keep one definition and delete the other (tooltips follow the capitals of "
                    "the definition kept).",
                )
            )
        else:
            seen.setdefault(key, (term, number))
    return out
