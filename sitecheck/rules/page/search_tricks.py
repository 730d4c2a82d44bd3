"""Text written for search engines, not patients: a paragraph that repeats the same search
words ("stem cell hair treatment Springfield, hair regrowth Springfield, …"). Search engines
penalise it, and patients read a list of keywords. (Titles of search words are refused in the
front matter; hidden text and meta keywords cannot be written: raw HTML and unknown front-matter
fields are refused.)
"""

from __future__ import annotations

import re
from collections import Counter

from sitecheck.core.finding import Finding
from sitecheck.core.source_lines import locate
from sitecheck.rules.page.dated_notices import BLOCKS, _text

COMMON = set(
    [
        "that",
        "this",
        "with",
        "your",
        "have",
        "will",
        "from",
        "they",
        "their",
        "what",
        "when",
        "which",
        "about",
        "there",
        "been",
        "were",
        "them",
        "then",
        "than",
        "also",
        "more",
        "most",
        "some",
        "only",
        "into",
        "over",
        "after",
        "before",
        "other",
        "such",
        "each",
        "very",
        "just",
        "like",
        "does",
        "doesn",
        "cannot",
        "could",
        "would",
        "should",
        "hair",
    ]
)


def stuffed(text: str) -> str | None:
    """The repeated search word of a keyword-stuffed block, or None."""
    words = re.findall(r"[a-z][a-z'-]{3,}", text.lower())
    if len(words) < 8:
        return None
    counts = Counter(w for w in words if w not in COMMON)
    if not counts:
        return None
    word, count = counts.most_common(1)[0]
    commas = text.count(",") + text.count("|")
    if count >= 4 and count / len(words) >= 0.15 and (commas >= 3 or count >= 6):
        return word
    return None


def check_page(page, context) -> list[Finding]:
    if not page.is_doc or page.content is None:
        return []
    out = []
    for element in page.content.iter(*BLOCKS):
        text = _text(element)
        word = stuffed(text)
        if not word:
            continue
        file, line = locate(page.raw, page.file, getattr(context, "project", None), text[:60])
        out.append(
            Finding(
                file,
                line,
                f"this text repeats the search word “{word}” as a list of keywords: "
                f"“{text[:60]}”. Search engines rank such pages down, and patients read a list "
                "of search words.",
                "write what the page says for patients in plain sentences; say each thing once.",
            )
        )
        break
    return out
