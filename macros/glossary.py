"""Show the glossary page from docs/snippets/glossary.md, so each definition is written once.

The same file gives every page its tooltips (pymdownx.snippets appends it as abbreviations);
this macro turns it into the list on the glossary page: {{ glossary() }}.
"""

from __future__ import annotations

import re
from pathlib import Path

DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.*?)\s*$")


def anchor(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def definition_list(snippet: Path) -> str:
    """Markdown definition list of every term, in alphabetical order, each with its own anchor."""
    entries = []
    for line in snippet.read_text(encoding="utf-8").splitlines():
        found = DEFINITION.match(line)
        if found and found["text"]:
            entries.append((found["term"], found["text"]))
    entries.sort(key=lambda entry: entry[0].lower())
    return "\n\n".join(f"{term} {{: #{anchor(term)} }}\n:   {text}" for term, text in entries)


def register(env):
    snippet = Path(env.conf["docs_dir"]) / "snippets" / "glossary.md"

    @env.macro
    def glossary() -> str:
        return definition_list(snippet)
