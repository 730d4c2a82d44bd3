"""The sources page lists every source the evidence brief requires, and pages that make
statements about evidence, safety or regulation link to at least one of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from devtools.site import ROOT, Build
from sitecheck.core.finding import Finding
from sitecheck.core.page_tree import main_content, parse, text_of
from tests.checks.pages import source_line
from tests.checks.problems import at

SOURCES_PAGE = "docs/sources.md"
SOURCES_DATA = "docs/snippets/sources.yml"  # the page is built from it ({{ sources_list() }})
REQUIRED_FILE = ROOT / "tests" / "data" / "evidence-sources.yml"
GRADE = re.compile(r"\bGrade [AB]\b")


@dataclass(frozen=True)
class Source:
    anchor: str
    cite: str
    words: tuple[str, ...]
    url: str | None = None


@dataclass(frozen=True)
class Required:
    sources: tuple[Source, ...]
    citing_pages: tuple[str, ...]


def load_required(path: Path = REQUIRED_FILE) -> Required:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources = tuple(
        Source(s["anchor"], s["cite"], tuple(str(w) for w in s["words"]), s.get("url"))
        for s in data["sources"]
    )
    return Required(sources, tuple(data["citing_pages"]))


def html_of(build: Build, source: str) -> str | None:
    return next((html for html, src in build.sources.items() if src == source), None)


def entry_of(element):
    """The list item a source's anchor sits in (the anchor may be on its paragraph)."""
    items = element.xpath("ancestor-or-self::li[1]")
    return items[0] if items else element


def check_sources_listed(build: Build, required: Required) -> list[Finding]:
    html = html_of(build, SOURCES_PAGE)
    if html is None or not (build.site / html).is_file():
        return [at(SOURCES_PAGE, "the sources page was not built", "restore docs/sources.md")]
    article = main_content(parse(build.site / html))
    problems = []
    for source in required.sources:
        found = article.xpath(".//*[@id=$anchor]", anchor=source.anchor)
        if not found:
            problems.append(
                at(
                    SOURCES_PAGE,
                    f"the source '{source.cite}' from the evidence brief is missing "
                    f"(no entry with the anchor #{source.anchor}; pages link to it)",
                    f"add it to {SOURCES_DATA} with 'anchor: {source.anchor}' and its authors, "
                    "year, title, publisher, link, grade and finding",
                )
            )
            continue
        entry = entry_of(found[0])
        text = " ".join(text_of(entry).split())
        where = source_line(
            build.project, SOURCES_DATA, rf"anchor:\s*{re.escape(source.anchor)}\s*$"
        )
        for word in source.words:
            if word.lower() not in text.lower():
                problems.append(
                    at(
                        where,
                        f"the entry #{source.anchor} does not name '{word}' ({source.cite})",
                        "give the authors or publisher, the year and the full title",
                    )
                )
        if not GRADE.search(text):
            problems.append(
                at(
                    where,
                    f"the entry #{source.anchor} has no grade",
                    "write 'grade: A' (regulator, government body or peer-reviewed paper) or "
                    "'grade: B' (professional body or reputable secondary source) in its entry",
                )
            )
        if source.url and source.url not in entry.xpath(".//a/@href"):
            problems.append(
                at(
                    where,
                    f"the entry #{source.anchor} does not link to {source.url}",
                    f"write 'link: {source.url}' in its entry",
                )
            )
    return problems


def source_ids(build: Build) -> set[str]:
    """Anchors of the entries in the sources page's numbered lists (not its headings)."""
    html = html_of(build, SOURCES_PAGE)
    if html is None or not (build.site / html).is_file():
        return set()
    article = main_content(parse(build.site / html))
    return {str(i) for i in article.xpath(".//ol/li/descendant-or-self::*/@id")}


def cites_a_source(build: Build, html: str, ids: set[str]) -> bool:
    sources_html = html_of(build, SOURCES_PAGE)
    article = main_content(parse(build.site / html))
    for href in article.xpath(".//a/@href"):
        target = urlsplit(urljoin(f"https://site.invalid/{html}", str(href)))
        path = target.path.lstrip("/")
        if path.endswith("/") or path == "":
            path += "index.html"
        if target.netloc == "site.invalid" and path == sources_html and target.fragment in ids:
            return True
    return False


def check_citations(build: Build, required: Required) -> list[Finding]:
    """Pages that must cite sources but link to none."""
    ids = source_ids(build)
    problems = []
    for source in required.citing_pages:
        html = html_of(build, source)
        if html is None or not (build.site / html).is_file():
            problems.append(
                at(
                    source,
                    "this page should cite sources but was not built",
                    "restore the page, or remove it from tests/data/evidence-sources.yml",
                )
            )
            continue
        if not cites_a_source(build, html, ids):
            problems.append(
                at(
                    source,
                    "this page makes statements about evidence, safety or regulation "
                    "but links to no source",
                    "after each such statement, link to its source on the sources page, "
                    "e.g. ([Kang 2021](sources.md#kang-2021))",
                )
            )
    return problems
