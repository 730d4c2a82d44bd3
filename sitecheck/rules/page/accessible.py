"""Meaning every patient can get: not carried by an emoji or a colour, and not by a table used
to lay text out.

- Emoji and coloured symbols (🟢 🟠 🔴 ✅ ❌ ⚠️ …) typed into the text: screen readers read
  them as "large orange circle" or skip them, people who cannot tell red from green lose the
  difference, and printers drop them. The site's icons (`:material-…:`, drawn as pictures with
  their own label) are not text and pass.
- A table whose header cells are all empty is a layout table: screen readers announce a table
  with no headings, and on a phone the columns are squeezed.
"""

from __future__ import annotations

import re

from sitecheck.core.finding import Finding
from sitecheck.core.page_tree import CODE_TAGS
from sitecheck.core.source_lines import locate

# Pictographs, coloured shapes, dingbats, arrows-as-pictures, keycaps, flags, and the
# "emoji presentation" selector that turns ⚠ or ✔ into a coloured picture.
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U00002b00-\U00002bff\U0001f1e6-\U0001f1ff"
    "\u2190-\u21ff\u2300-\u23ff\u25a0-\u25ff\ufe0f\u20e3]"
)
# Characters of those ranges that are ordinary typography, not pictures.
TYPOGRAPHY = set("←→↑↓↔")


# What Markdown itself writes around the author's text: footnote return arrows, heading anchors.
WRITTEN_BY_MARKDOWN = ("footnote-backref", "headerlink", "twemoji")


def _texts(content, foot):
    def walk(node, skip):
        if not isinstance(node.tag, str) or node.tag in CODE_TAGS:
            return
        if any(name in (node.get("class") or "") for name in WRITTEN_BY_MARKDOWN):
            return
        skip = skip or node is foot
        if not skip and node.text:
            yield node.text
        for child in node:
            yield from walk(child, skip)
            if not skip and child.tail:
                yield child.tail

    yield from walk(content, False)


def _emoji(page, context) -> list[Finding]:
    out, seen = [], set()
    project = getattr(context, "project", None)
    for text in _texts(page.content, page.foot):
        for found in EMOJI.finditer(text):
            char = found.group(0)
            if char in TYPOGRAPHY or char in seen or char == "\ufe0f":
                continue
            seen.add(char)
            file, line = locate(page.raw, page.file, project, char)
            if not line:
                around = text[max(0, found.start() - 20) : found.end() + 20].strip()
                file, line = locate(page.raw, page.file, project, around)
            out.append(
                Finding(
                    file,
                    line,
                    f"the symbol “{char}” is typed into the text: screen readers read it out "
                    "by its name or skip it, and its colour carries no meaning for people who "
                    "cannot tell colours apart.",
                    "write the meaning in words instead (e.g. 'Normal:', 'Call us:', 'Call "
                    "911 now:'); for a warning, use a box ('!!! warning \"Title\"', or the "
                    "urgency cards soon, urgent and emergency).",
                )
            )
    return out


def _layout_tables(page, context) -> list[Finding]:
    out = []
    project = getattr(context, "project", None)
    for table in page.content.iter("table"):
        heads = table.findall(".//th")
        if heads and any("".join(th.itertext()).strip() for th in heads):
            continue
        first = next(
            (
                "".join(td.itertext()).strip()
                for td in table.iter("td")
                if "".join(td.itertext()).strip()
            ),
            "",
        )
        file, line = locate(page.raw, page.file, project, first[:60]) if first else (page.file, 0)
        if line > 2 and page.raw and file == page.file:
            lines = page.raw.split("\n")
            while line > 1 and lines[line - 2].lstrip().startswith("|"):
                line -= 1  # the table's first line: its empty header row
        out.append(
            Finding(
                file,
                line,
                f"a table with no column headings lays text out side by side (“{first[:50]}”); "
                "screen readers announce a table they cannot explain, and phones squeeze it.",
                "write the texts as paragraphs or a list one after the other; a real table "
                "names each column in its first row ('| Day | Hours |').",
            )
        )
    return out


COLOURS = r"(?:red|green|orange|amber|yellow|blue|purple|pink|grey|gray)"
# Colour used as the only sign of meaning: "items in red", "Green is fine", "the red ones".
COLOUR_MEANING = re.compile(
    rf"\b(?:(?:marked|shown|written|highlighted|printed|coloured|colored)\s+)?in\s+{COLOURS}\b"
    rf"(?!\s+(?:light|ink|pen|wine))|\b{COLOURS}\s+(?:is|are|means?|ones?|items?|signs?|text|"
    rf"rows?|boxes?|dots?|circles?|lines?)\b(?!\s+(?:skin|patches|bumps))",
    re.IGNORECASE,
)
SKIN = re.compile(r"\b(skin|scalp|rash|red(?:ness)?\s+(?:skin|scalp)|swollen|hot)\b", re.I)


def _colour_words(page, context) -> list[Finding]:
    out = []
    project = getattr(context, "project", None)
    for text in _texts(page.content, page.foot):
        for found in COLOUR_MEANING.finditer(text):
            if SKIN.search(text) and not re.search(
                r"\b(ones?|items?|dots?|circles?|means?)\b", found.group(0), re.I
            ):
                continue  # "red skin", "is red and hot": a sign described, not a code
            file, line = locate(page.raw, page.file, project, text.strip()[:60])
            out.append(
                Finding(
                    file,
                    line,
                    f"the text gives meaning by colour alone (“{found.group(0)}”); people who "
                    "cannot tell colours apart, screen-reader users and printed pages lose it.",
                    "say it in words ('Call us the same day if you have:'), or use the site's "
                    "boxes, whose titles say what they mean.",
                )
            )
            return out
    return out


def check_page(page, context) -> list[Finding]:
    if not page.is_doc or page.content is None:
        return []
    return _emoji(page, context) + _layout_tables(page, context) + _colour_words(page, context)
