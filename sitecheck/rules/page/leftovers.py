"""Markdown the renderer swallowed (e.g. '!!! note' shown as text), reported against its source line.

Runs on the visible text of each built page (one parse, in the engine), so an editor sees the
mistake in the preview, the build and the report alike. And one mistake that leaves no text
behind: a box ('!!! note', '??? note', '=== "Tab"') whose text is not indented by 4 spaces is
rendered empty, with its text as an ordinary paragraph below it (empty_boxes, on the source).
"""

from __future__ import annotations

import re

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import without_code
from sitecheck.rules.page.leftover_patterns import LEFTOVERS


def check_leftovers(text: str, raw: str, file: str) -> list[Finding]:
    """`text`: the visible text of the page's content (sitecheck.core.page_tree.visible_text)."""
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


# A box's first line: the marker, its kind or its quoted title (python-markdown's admonition,
# pymdownx.details and pymdownx.tabbed). The text of the box is the lines indented 4 spaces more.
BOX = re.compile(r"""^( *)(!!!|\?\?\?\+?|===\+?)[ \t]*(?:[\w-]|["'])""")


def empty_boxes(raw: str, file: str) -> list[Finding]:
    """Each box whose next written line is not indented 4 spaces further than its marker."""
    lines = without_code(raw).expandtabs(4).split("\n")
    out = []
    for number, line in enumerate(lines, start=1):
        box = BOX.match(line)
        if not box:
            continue
        marker, margin = box.group(2), len(box.group(1))
        if margin % 4:  # not a box at all: shown as text, which check_leftovers reports
            continue
        after = next((s for s in lines[number:] if s.strip()), "")
        indent = len(after) - len(after.lstrip(" "))
        if after and indent >= margin + 4:
            continue
        typed = " ".join(line.split())
        if after and indent > margin:
            spaces = indent - margin
            why = f"the line below it is indented by {spaces} space{'s' * (spaces > 1)}, not 4"
        else:
            why = "no line below it is indented by 4 spaces"
        out.append(
            Finding(
                file,
                number,
                f"the box '{typed}' is empty on the page: {why}, so its text shows outside "
                "the box.",
                f"indent each line of the box's text by exactly 4 spaces more than the "
                f"'{marker}' line, as in templates/new-page.md.",
            )
        )
    return out


def check_leftovers_in_page(page, context) -> list[Finding]:
    """Title, description and body text of a built page: what patients and search engines see."""
    doc = page.doc
    blocks = [doc.findtext(".//title") or ""]
    blocks += doc.xpath('//meta[@name="description"]/@content')
    blocks += page.text.everything
    raw = page.raw or ""
    return check_leftovers("\n".join(blocks), raw, page.file) + empty_boxes(raw, page.file)
