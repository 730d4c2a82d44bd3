"""Read a Markdown source the way the checks need it: lines kept, code and comments blanked.

Blanking (spaces instead of removal) keeps every character at its place, so a match found in the
cleaned text still points at the right line of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Jinja raw blocks hold literal examples (the cheat sheet), not page text.
RAW_TAGS = re.compile(r"\{%-?\s*(end)?raw\s*-?%\}")


def blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def front_matter_end(lines: list[str]) -> int:
    """Index of the closing '---' line, or 0 when the file has no (closed) front matter."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return index
    return 0


SHOWN_FIELD = re.compile(r"^(title|description)\s*:")
# Every field the theme prints: also the home page's hero and a treatment's schema.org status.
PRINTED_FIELD = re.compile(
    r"^(title|description|hero_question|hero_answer|procedure|procedure_status)\s*:"
)


def without_code(
    text: str,
    *,
    keep_comments: bool = False,
    keep_shown_fields: bool = False,
    fields: re.Pattern = SHOWN_FIELD,
) -> str:
    """The file with front matter, fenced code, inline code (and comments) blanked out.

    `keep_shown_fields` keeps the values of `title` and `description` (and their continuation
    lines; `fields=PRINTED_FIELD`: every field the theme prints): patients and search engines
    read them, so claims there count too.
    """
    lines = text.split("\n")
    end = front_matter_end(lines)
    out = []
    fence = None
    shown = False
    for index, line in enumerate(lines):
        opened = FENCE.match(line)
        if end and 0 < index < end and keep_shown_fields:
            key = fields.match(line)
            shown = bool(key) or (shown and line[:1].isspace())
            if key:
                # Blank the key but keep the value; a blank line keeps it a block of its own.
                out.append(" " * key.end() + line[key.end() :])
            elif shown:
                out.append(line)
            else:
                out.append(" " * len(line))
        elif index <= end and end:
            out.append(" " * len(line))
        elif fence:
            out.append(" " * len(line))
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
        elif opened:
            fence = opened.group(1)
            out.append(" " * len(line))
        else:
            out.append(line)
    cleaned = "\n".join(out)
    cleaned = INLINE_CODE.sub(blank, cleaned)
    cleaned = RAW_TAGS.sub(blank, cleaned)
    return cleaned if keep_comments else COMMENT.sub(blank, cleaned)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@dataclass(frozen=True)
class Block:
    """A paragraph, list or table: lines without a blank line between them."""

    start: int  # offset in the file text
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def blocks(text: str) -> list[Block]:
    return [Block(m.start(), m.group(0)) for m in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text)]


def first_line(raw: str | None, pattern: str) -> int:
    """The first line of the Markdown source matching `pattern`, or 0 (the whole file)."""
    if not raw:
        return 0
    for number, line in enumerate(raw.splitlines(), start=1):
        if re.search(pattern, line):
            return number
    return 0
