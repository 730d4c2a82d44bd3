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
from sitecheck.core.page_tree import inline_text
from sitecheck.core.source_lines import locate
from sitecheck.rules.page.dated_notices import BLOCKS

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
    """The search word repeated through a list of phrases (a keyword-stuffed block), or None:
    most of its comma- or bar-separated parts name the same word."""
    parts = [p for p in re.split(r"[,|;\n]", text.lower()) if p.strip()]
    if len(parts) < 4 or sum(len(p.split()) for p in parts) > 5 * len(parts):
        return None  # phrases of a few words each, not sentences with commas
    counts = Counter(
        w for part in parts for w in set(re.findall(r"[a-z][a-z'-]{3,}", part)) if w not in COMMON
    )
    for word, count in counts.most_common(3):
        if count >= 4 and count >= 0.6 * len(parts):
            return word
    return None


def check_page(page, context) -> list[Finding]:
    if not page.is_doc or page.content is None:
        return []
    out = []
    for element in page.content.iter(*BLOCKS):
        text = " ".join(inline_text(element).split())
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
