"""Where a piece of visible text was written: the page's Markdown, or a snippet the page pulls
in (docs/snippets/glossary.md, docs/snippets/sources.yml). Messages name the file the editor
edits, never the generated page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# Where text on a page may come from besides the page itself: the snippets, and the clinic's
# facts (the file that holds them; mkdocs.yml today).
SNIPPETS = ("docs/snippets/sources.yml", "docs/snippets/glossary.md", "mkdocs.yml", "clinic.yml")
INCLUDE = re.compile(r"--8<--\s+[\"']([\w./-]+)[\"']")


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


@lru_cache(maxsize=64)
def _lines(path: Path, stamp: tuple[int, int]) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines())


def file_lines(path: Path) -> tuple[str, ...]:
    try:
        info = path.stat()
    except OSError:
        return ()
    return _lines(path, (info.st_mtime_ns, info.st_size))


def find_line(lines, needle: str) -> int:
    """The first line holding `needle` (compared word by word, marks ignored), or 0."""
    needle = needle.strip()
    if not needle:
        return 0
    for number, line in enumerate(lines, start=1):
        if needle in line:
            return number
    want = " ".join(_words(needle))
    if not want:
        return 0
    for number, line in enumerate(lines, start=1):
        if f" {want} " in f" {' '.join(_words(line))} ":
            return number
    return 0


def locate(raw: str | None, file: str, project: Path | None, needle: str) -> tuple[str, int]:
    """(file, line) where `needle` was typed: the page first, then the snippets; the page with
    line 0 when it is nowhere (written by a template value)."""
    needles = [needle]
    words = needle.split()
    if len(words) > 6:  # a long piece may span lines: try its start, then its end
        needles += [" ".join(words[:5]), " ".join(words[-5:])]
    for piece in needles:
        if raw and (line := find_line(raw.splitlines(), piece)):
            return file, line
    if project is not None:
        # The snippets this page includes (--8<-- "interpreter.md"), then those every page uses.
        included = [f"docs/snippets/{name}" for name in INCLUDE.findall(raw or "")]
        for snippet in dict.fromkeys([*included, *SNIPPETS]):
            lines = file_lines(project / snippet)
            for piece in needles:
                if line := find_line(lines, piece):
                    return snippet, line
    return file, 0
