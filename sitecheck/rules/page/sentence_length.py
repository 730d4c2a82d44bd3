"""No sentence a patient reads runs over 25 words, outside quotations.

Long sentences are where patients on a phone lose the thread (the reading grade averages
them away). Measured on the built page's prose, as the reading grade is: headings, list items
and table cells are sentences of their own; quotations (`<blockquote>`, `<q>`) keep their
author's words, so they are left out. Reported at the source line that holds the sentence's
first words.
"""

from __future__ import annotations

import re

from sitecheck.core.finding import Finding
from sitecheck.rules.page.readability import readable_text

MAX_WORDS = 25
# Left out: quotations keep their author's words; a diagram's labels are not sentences.
QUOTATIONS = frozenset({"blockquote", "q", "svg", "figcaption"})
BLOCK_END = "\x00"  # each heading, list item, cell and paragraph is read on its own
# Quoted words keep their author's length; a placeholder waits for the clinic's own words.
QUOTED = re.compile(r'"[^"\n]*"|\u201c[^\u201d\n]*\u201d')
PLACEHOLDER = re.compile(r"TO BE CONFIRMED BY THE CLINIC\b[^.\n]*")
# A reference list, not prose: the sources page lists titles and the pages that cite them.
REFERENCE_PAGES = {"docs/sources.md"}
# A sentence ends at . ! or ? before a space and a capital, a digit or an opening mark.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"\u201d\u2019)]*\s+(?=[A-Z0-9\"\u201c\u2018(])")
WORD = re.compile(r"[\w$%\u2019'-]+")


def long_sentences(text: str, limit: int = MAX_WORDS) -> list[tuple[int, str]]:
    """(word count, sentence) of each sentence of `text` over `limit` words."""
    out = []
    blocks = [QUOTED.sub(" ", PLACEHOLDER.sub(" ", block)) for block in text.split("\n")]
    for sentence in [s for block in blocks for s in SENTENCE_END.split(block)]:
        words = WORD.findall(sentence)
        if len(words) > limit:
            out.append((len(words), sentence.strip()))
    return out


def source_line(raw: str, sentence: str) -> int:
    """The line of the Markdown source that holds the sentence's first words, or 0."""
    head = WORD.findall(sentence)[:3]
    if not head:
        return 0
    pattern = re.compile(r"\W+(?:[^\n]*?\W+)?".join(map(re.escape, head)), re.IGNORECASE)
    for number, line in enumerate(raw.splitlines(), 1):
        if pattern.search(line):
            return number
    return 0


def check_page(page, context) -> list[Finding]:
    if not page.is_doc or page.content is None or page.file in REFERENCE_PAGES:
        return []
    text = readable_text(page.content, page.foot, QUOTATIONS, BLOCK_END)
    found = []
    for count, sentence in long_sentences(text):
        start = " ".join(sentence.split()[:8])
        found.append(
            Finding(
                page.file,
                source_line(page.raw or "", sentence),
                f"a sentence of {count} words (“{start} …”); patient pages keep each sentence "
                f"to {MAX_WORDS} words at most.",
                "split it in two, one idea a sentence; a quotation keeps its words when it is "
                "marked as one (> at the start of the line).",
            )
        )
    return found
