"""CSS read the way browsers read it (CSS Syntax Level 3, the parts that matter for safety).

A text search for "url(" or "@import" misses what a browser still understands: escapes in names
(`u\\72 l(`, `@\\69mport`), `@import "…"` with a string, comments between the parts, and strings
whose escapes spell letters and digits (`"\\31 900"`). This tokeniser drops comments, decodes
escapes in names and strings, and says where each token starts (line), so a check can look at
what the browser will see, not at how it was typed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass


# kind: "at" (@name), "function" (name( ), "url" (url(…) unquoted), "string", "ident",
# "open" / "close" ({ } ( ) [ ]), ":" ";" ",", "other"
@dataclass(frozen=True)
class Token:
    kind: str
    value: str
    line: int


_HEX = re.compile(r"[0-9a-fA-F]{1,6}")
_NAME_CHAR = re.compile(r"[A-Za-z0-9_\-\u0080-\U0010ffff]")


def _escape(text: str, i: int) -> tuple[str, int]:
    """text[i] is a backslash; return the character it stands for and the index after it."""
    j = i + 1
    if j >= len(text):
        return "\ufffd", j
    if m := _HEX.match(text, j):
        code = int(m.group(), 16)
        j = m.end()
        if j < len(text) and text[j] in " \t\n\r\f":
            j += 2 if text[j : j + 2] == "\r\n" else 1
        ok = 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
        return (chr(code) if ok else "\ufffd"), j
    if text[j] == "\n":
        return "", j + 1  # an escaped newline inside a string continues it
    return text[j], j + 1


def _until(text: str, i: int, stops: str) -> tuple[str, int]:
    """The text from i to the first character in `stops` (or the end), escapes decoded, and the
    index of that character: a quoted string's body, or an unquoted url(...)."""
    out = []
    while i < len(text) and text[i] not in stops:
        if text[i] == "\\":
            ch, i = _escape(text, i)
            out.append(ch)
        else:
            out.append(text[i])
            i += 1
    return "".join(out), i


def _name(text: str, i: int) -> tuple[str, int]:
    out = []
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] != "\n":
            ch, i = _escape(text, i)
            out.append(ch)
        elif _NAME_CHAR.match(c):
            out.append(c)
            i += 1
        else:
            break
    return "".join(out), i


def _starts_name(text: str, i: int) -> bool:
    if i >= len(text):
        return False
    c = text[i]
    if c == "\\":
        return i + 1 < len(text) and text[i + 1] != "\n"
    if c == "-":
        return i + 1 < len(text) and (
            (_NAME_CHAR.match(text[i + 1]) is not None and not text[i + 1].isdigit())
            or text[i + 1] == "\\"
        )
    return bool(_NAME_CHAR.match(c)) and not c.isdigit()


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    i, n = 0, len(text)

    def add(kind: str, value: str, start: int) -> None:
        out.append(Token(kind, value, line_at(start)))

    newlines = [m.start() for m in re.finditer("\n", text)]

    def line_at(pos: int) -> int:
        return bisect.bisect_right(newlines, pos - 1) + 1

    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif c in "\"'":
            start = i
            value, i = _until(text, i + 1, c + "\n")
            i += 1
            add("string", value, start)
        elif c == "@" and _starts_name(text, i + 1):
            start = i
            name, i = _name(text, i + 1)
            add("at", name.lower(), start)
        elif _starts_name(text, i):
            start = i
            name, i = _name(text, i)
            if i < n and text[i] == "(":
                i += 1
                if name.lower() == "url":
                    j = i
                    while j < n and text[j] in " \t\n\r\f":
                        j += 1
                    if j < n and text[j] not in "\"'":
                        value, j = _until(text, j, ")")
                        i = j + 1
                        add("url", value.strip(), start)
                        continue
                add("function", name.lower(), start)
                add("open", "(", start)
            else:
                add("ident", name, start)
        elif c in "{}()[]":
            add("open" if c in "{([" else "close", c, i)
            i += 1
        elif c in ":;,":
            add(c, c, i)
            i += 1
        else:
            i += 1
    return out
