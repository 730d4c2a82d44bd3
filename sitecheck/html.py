"""Parse a built page once and read what the rules need from it: the one visible-text walker.

Every rule that looks at what patients read uses `visible_text_blocks` on the tree the engine
parsed, so "visible" means the same thing for leftovers, readability, glossary and facts.
"""

from __future__ import annotations

from copy import deepcopy
from functools import lru_cache
from pathlib import Path

import lxml.etree

# Text inside these elements is shown to readers as code on purpose (the editors' cheat sheet),
# or is not shown at all.
CODE_TAGS = {"pre", "code", "kbd", "samp", "script", "style", "textarea", "template"}


# lxml.etree's HTML parser: the same libxml2 parse as lxml.html's, without lxml.html's Python
# callback choosing a class for every element (a fifth of the page checks' time).
PARSER = lxml.etree.HTMLParser()
STRING = lxml.etree.XPath("string()")


def parse_html(text: str | bytes) -> lxml.etree._Element:
    doc = lxml.etree.fromstring(text, PARSER)
    if doc is None:  # only whitespace or nothing
        raise lxml.etree.ParserError("Document is empty")  # as lxml.html says it
    return doc


@lru_cache(maxsize=4096)
def parse(path: Path) -> lxml.etree._Element:
    """A built file from disk (for the checks that read a site folder, e.g. after Zensical)."""
    return parse_html(path.read_bytes())


def text_of(element) -> str:
    """All the text inside an element, tags dropped (what lxml.html calls text_content)."""
    return str(STRING(element))


def ids_of(doc) -> frozenset[str]:
    return frozenset(doc.xpath("//@id") + doc.xpath("//a/@name"))


@lru_cache(maxsize=4096)
def ids_on(path: Path) -> frozenset[str]:
    return ids_of(parse(path))


def visible_text_blocks(element, skip: frozenset[str] | set[str] = CODE_TAGS) -> list[str]:
    """Text of each element, skipping code, so 'literal syntax in a code block' is allowed.
    `skip`: the elements whose text is not read (the glossary also skips its tooltips)."""
    out: list[str] = []

    def walk(node) -> None:  # one pass, never entering code: no ancestor look-ups per node
        if not isinstance(node.tag, str) or node.tag in skip:
            return
        if node.text and node.text.strip():
            out.append(node.text)
        for child in node:
            walk(child)
            if child.tail and child.tail.strip():
                out.append(child.tail)

    walk(element)
    return out


def visible_text(element) -> str:
    return "\n".join(visible_text_blocks(element))


def theme_foot(content):
    """The theme's own markup after the page's text (overrides/main.html writes it last in the
    article: trust box, leaflet and report links), or None."""
    if content is None:
        return None
    last = next((c for c in reversed(content) if isinstance(c.tag, str)), None)
    return last if last is not None and last.get("data-hc-theme") == "page-foot" else None


def authored(content):
    """A copy of the article without the theme's foot: what the page's author wrote."""
    if content is None:
        return None
    foot = theme_foot(content)
    if foot is None:
        return content
    copy = deepcopy(content)
    copy.remove(copy[content.index(foot)])
    return copy


def main_content(doc):
    found = doc.xpath("//article") or doc.xpath("//main")
    return found[0] if found else None
