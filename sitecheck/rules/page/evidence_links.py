"""A page that talks about evidence, safety or the law links to at least one source.

Which pages must cite is decided by what they say, not by a list: a page whose text speaks of
studies, trials, evidence, approval or regulators needs a link to an entry on the sources page,
so a new page that says "a study found" cannot go out without its source.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import first_line

SOURCES_PAGE = "docs/sources.md"
# Pages that explain words or the site itself rather than make claims about evidence.
EXEMPT = {SOURCES_PAGE, "docs/glossary.md"}
EVIDENCE = re.compile(
    r"\b(stud(?:y|ies)|trials?|research(?:ers)?|evidence|FDA|approv(?:al|ed)|regulators?|"
    r"reviews? of|scientists?|papers?)\b",
    re.IGNORECASE,
)


def cited_anchors(page, sources_dest: str) -> set[str]:
    """Fragments of the page's links that point to the sources page."""
    folder = posixpath.dirname(page.dest)
    out = set()
    hrefs = page.content.xpath(".//a/@href")
    if page.foot is not None:  # the theme's foot is the content's last element: its links last
        hrefs = hrefs[: len(hrefs) - len(page.foot.xpath(".//a/@href"))]
    for href in hrefs:
        parts = urlsplit(str(href))
        if parts.scheme or parts.netloc or not parts.fragment:
            continue
        path = posixpath.normpath(posixpath.join(folder, unquote(parts.path) or "."))
        if not posixpath.splitext(path)[1]:
            path = posixpath.join(path, "index.html")
        if path == sources_dest:
            out.add(unquote(parts.fragment))
    return out


def check_page(page, context) -> list[Finding]:
    if not page.is_doc or page.file in EXEMPT or page.content is None:
        return []
    found = EVIDENCE.search("\n".join(page.content_text))
    if not found:
        return []
    sources_dest = next((d for d, s in context.sources.items() if s == SOURCES_PAGE), None)
    if sources_dest and cited_anchors(page, sources_dest):
        return []
    line = first_line(page.raw, rf"\b{re.escape(found.group(0))}\b")
    return [
        Finding(
            page.file,
            line,
            f"this page speaks of evidence, safety or the law (“{found.group(0)}”) but links to "
            "no source.",
            "after each such statement, link to its source on the sources page, e.g. "
            "([Kang 2021](sources.md#kang-2021)).",
        )
    ]
