"""Show the glossary page from docs/snippets/glossary.md, so each definition is written once.

The same file gives every page its tooltips (pymdownx.snippets appends it as abbreviations);
this macro turns it into the list on the glossary page: {{ glossary() }}. It reads the file
with the checks' own reader (sitecheck.rules.page.glossary), so the page and the checks agree on what a
definition is.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitecheck.rules.page.glossary import parse_terms


def anchor(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def definition_list(snippet: Path) -> str:
    """Markdown definition list of every term, in alphabetical order, each with its own anchor."""
    terms, _ = parse_terms(snippet.read_text(encoding="utf-8"))
    entries = sorted({(t.term, t.text) for t in terms if t.text}, key=lambda e: e[0].lower())
    return "\n\n".join(f"{term} {{: #{anchor(term)} }}\n:   {text}" for term, text in entries)


def register(env):
    snippet = Path(env.conf["docs_dir"]) / "snippets" / "glossary.md"

    @env.macro
    def glossary() -> str:
        return definition_list(snippet)
