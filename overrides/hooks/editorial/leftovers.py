"""Markdown the renderer swallowed (e.g. '!!! note' shown as text), reported against its source line.

Runs on each page's rendered HTML during the build, with the same patterns the test suite uses
on the built site (leftover_patterns.py), so an editor sees the mistake while previewing.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .finding import Finding
from .leftover_patterns import LEFTOVERS
from .source import without_code

# Text inside these elements is code shown on purpose (e.g. the editors' cheat sheet).
CODE_TAGS = {"pre", "code", "kbd", "samp", "script", "style", "textarea", "template"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}  # fmt: skip


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in CODE_TAGS and tag not in VOID_TAGS:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in CODE_TAGS and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)


def check_leftovers(html: str, raw: str, file: str) -> list[Finding]:
    text = visible_text(html)
    lines = without_code(raw).split("\n")
    out = []
    for built, in_source, what, fix in LEFTOVERS:
        found = re.search(built, text, re.MULTILINE)
        if not found:
            continue
        snippet = " ".join(text[max(0, found.start() - 30) : found.end() + 30].split())
        line = next((n for n, s in enumerate(lines, start=1) if re.search(in_source, s)), 0)
        out.append(Finding(file, line, f"{what}; the page shows: “{snippet}”.", f"{fix}."))
    return out
