"""Parse a built page once and read what the rules need from it: the one visible-text walker.

Every rule that looks at what patients read uses `text_blocks` on the tree the engine
parsed, so "visible" means the same thing for leftovers, readability, glossary and facts.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

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


class TextBlocks(NamedTuple):
    everything: list[str]  # every visible block under the root
    content: list[str]  # those inside `content`, leaving out `leave_out` (the theme's foot)
    outside_tips: list[str]  # those inside `content` and not inside an `aside` tag


def text_blocks(root, content=None, leave_out=None, aside: frozenset[str] = frozenset()):
    """The one visible-text walker: the text of each element under `root`, code skipped, so
    'literal syntax in a code block' is allowed. One pass over a built page gives what every
    rule reads: all of it (leftovers), the author's content (claims, reading grade), and the
    content outside tooltips and diagrams (glossary)."""
    everything: list[str] = []
    inside: list[str] = []
    untipped: list[str] = []
    seen = [content is None]

    def add(text, where: int) -> None:  # where: 1 in content, 2 left out, 4 in an aside tag
        everything.append(text)
        if where & 1:
            if not where & 2:
                inside.append(text)
            if not where & 4:
                untipped.append(text)

    def walk(node, where: int) -> None:  # never entering code: no ancestor look-ups per node
        tag = node.tag
        if not isinstance(tag, str) or tag in CODE_TAGS:
            return
        if node is content:
            where, seen[0] = where | 1, True
        elif node is leave_out:
            where |= 2
        if tag in aside:
            where |= 4
        if node.text and node.text.strip():
            add(node.text, where)
        for child in node:
            walk(child, where)
            tail = child.tail
            if tail and tail.strip():
                # A tail is outside its element: the foot's is left out with it (it is removed
                # whole from the author's copy), the content's own tail is outside the content.
                add(tail, (where | 2) if child is leave_out else where)

    walk(root, 0)
    if not seen[0]:  # the content is not under the root (or under code): walk it on its own
        inner = text_blocks(content, content, leave_out, aside)
        return TextBlocks(everything, inner.content, inner.outside_tips)
    return TextBlocks(everything, inside, untipped)


def inline_text(element) -> str:
    """An element's text as one string, as it reads (inline tags joined without a gap), code and
    the heading's ¶ anchor left out: for rules that read a block's words in order."""
    parts: list[str] = []

    def walk(node) -> None:
        if not isinstance(node.tag, str) or node.tag in CODE_TAGS:
            return
        if "headerlink" in (node.get("class") or ""):
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts)


def visible_text_blocks(element) -> list[str]:
    return text_blocks(element).everything


def visible_text(element) -> str:
    return "\n".join(visible_text_blocks(element))


def theme_foot(content):
    """The theme's own markup after the page's text (overrides/main.html writes it last in the
    article: trust box, leaflet and report links), or None."""
    if content is None:
        return None
    last = next((c for c in reversed(content) if isinstance(c.tag, str)), None)
    return last if last is not None and last.get("data-hc-theme") == "page-foot" else None


def main_content(doc):
    """The first <article> (else <main>) in document order: lxml's walk stops at it."""
    for tag in ("article", "main"):
        for found in doc.iter(tag):
            return found
    return None
