"""Markdown the renderer swallowed (e.g. '!!! note' shown as text), reported against its source line.

Runs on the visible text of each built page (one parse, in the engine), so an editor sees the
mistake in the preview, the build and the report alike.
"""

from __future__ import annotations

import re

from .finding import Finding
from .leftover_patterns import LEFTOVERS
from .source import without_code


def check_leftovers(text: str, raw: str, file: str) -> list[Finding]:
    """`text`: the visible text of the page's content (sitecheck.html.visible_text)."""
    lines = None  # the source without its code, split only for a page that has a leftover
    out = []
    for built, in_source, what, fix in LEFTOVERS:
        found = re.search(built, text, re.MULTILINE)
        if not found:
            continue
        lines = lines or without_code(raw, keep_shown_fields=True).split("\n")
        snippet = " ".join(text[max(0, found.start() - 30) : found.end() + 30].split())
        line = next((n for n, s in enumerate(lines, start=1) if re.search(in_source, s)), 0)
        out.append(Finding(file, line, f"{what}; the page shows: “{snippet}”.", f"{fix}."))
    return out


def check_leftovers_in_page(page, context) -> list[Finding]:
    """Title, description and body text of a built page: what patients and search engines see."""
    doc = page.doc
    blocks = [doc.findtext(".//title") or ""]
    blocks += doc.xpath('//meta[@name="description"]/@content')
    blocks += page.text.everything
    return check_leftovers("\n".join(blocks), page.raw or "", page.file)
