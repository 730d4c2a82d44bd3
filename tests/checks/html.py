"""Parse built pages once and read what the checks need from them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import lxml.html

# Text inside these elements is shown to readers as code on purpose (the editors' cheat sheet).
CODE_TAGS = {"pre", "code", "kbd", "samp", "script", "style", "textarea", "template"}


@lru_cache(maxsize=4096)
def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


@lru_cache(maxsize=4096)
def ids_on(path: Path) -> frozenset[str]:
    doc = parse(path)
    return frozenset(doc.xpath("//@id") + doc.xpath("//a/@name"))


def visible_text_blocks(element) -> list[str]:
    """Text of each element, skipping code, so 'literal syntax in a code block' is allowed."""
    out: list[str] = []

    def walk(node) -> None:  # one pass, never entering code: no ancestor look-ups per node
        if not isinstance(node.tag, str) or node.tag in CODE_TAGS:
            return
        if node.text and node.text.strip():
            out.append(node.text)
        for child in node:
            walk(child)
            if child.tail and child.tail.strip():
                out.append(child.tail)

    walk(element)
    return out


def main_content(doc):
    found = doc.xpath("//article") or doc.xpath("//main")
    return found[0] if found else None
