"""Claims in what the page shows, not only in what the editor typed.

The Markdown check (claims.py) cannot see text that macros fill in: a clinic fact in mkdocs.yml
("preparation: a completely safe same-day process") reaches every page that uses it. This rule
runs the same concepts over the built page's visible text and reports only hits whose words are
not in the page's own Markdown, so a sentence is never reported twice and claim-ok markers in
the Markdown keep working.
"""

from __future__ import annotations

import re

from sitecheck.core.finding import Finding
from sitecheck.rules.claims.check import finding
from sitecheck.rules.claims.text import find_claims, standing

WHERE = (
    "this text is not in the page's Markdown: it comes through a macro, from a clinic fact in "
    "clinic.yml (clinic:) or from docs/snippets/ (the sources or the glossary)."
)


SOURCES_PAGE = "docs/sources.md"  # the list of sources: a figure there is its source's finding
SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")
NOT_WORD = re.compile(r"[\W_]+")


def squashed(text: str) -> str:
    return NOT_WORD.sub(" ", text).lower().strip()


def typed_in(block: str, typed: str, raw: str = "") -> bool:
    """Every sentence of the block is in the Markdown (`typed`: squashed, `raw`: as written).
    Most blocks are there letter for letter; an ASCII one found so is in `typed` too (lowering
    a Greek capital sigma depends on its neighbours, so only ASCII is taken on sight). Then the
    block whole, then each sentence (its words are a run of the block's)."""
    if block.isascii() and block in raw:
        return True
    if squashed(block) in typed:
        return True
    return all(not part or part in typed for part in map(squashed, SENTENCE.split(block)))


def check_page(page, context) -> list[Finding]:
    rules = context.claims_rules
    if not page.is_doc or page.content is None or rules is None:
        return []
    typed = squashed(page.raw)
    # Only sentences whose words the Markdown does not have can hold a claim it did not show.
    text = "\n\n".join(b for b in page.content_text if not typed_in(b, typed, page.raw))
    out = []
    for hit in standing(find_claims(text, rules)):
        if squashed(hit.phrase) in typed:
            continue  # the Markdown rule reports it (or a claim-ok marker allows it)
        if hit.rule.needs_source and page.file == SOURCES_PAGE:
            continue  # each source's own finding, printed beside its reference (sources.yml)
        found = finding(page.file, 0, hit)
        out.append(Finding(found.file, 0, f"{found.what} ({WHERE})", found.fix))
    return out
