"""Every page builds, is in the navigation, has the parts a page needs, and shows no raw syntax."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from sitecheck.html import main_content, parse, visible_text_blocks

# The patterns live beside the build hook, which reports the same mistakes while editing.
from sitecheck.leftover_patterns import LEFTOVERS
from tests.checks.problems import Problem
from tests.checks.site import Build

__all__ = ["LEFTOVERS", "check_leftover_syntax", "source_line"]


def source_line(project: Path, source: str, pattern: str) -> str:
    """'docs/x.md:12' for the first line matching `pattern`, or just the file."""
    path = project / source
    if source.startswith("docs/") and path.is_file():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(pattern, line):
                return f"{source}:{number}"
    return source


def check_every_page_built(build: Build) -> list[Problem]:
    return [
        Problem(
            source,
            f"no HTML page was built (expected {html})",
            "check the build output above for an error about this file",
        )
        for html, source in build.sources.items()
        if not (build.site / html).is_file()
    ]


def nav_links(build: Build) -> set[str]:
    """Built pages that some page's main navigation links to (union, so pruning is fine)."""
    linked = set()
    for html in build.html_pages():
        folder = posixpath.dirname(html)
        for href in parse(build.site / html).xpath(
            '//nav[contains(@class,"md-nav--primary")]//a/@href'
        ):
            path = href.split("#")[0]
            # Plain string arithmetic: resolving every menu link on disk is slow on large sites.
            target = posixpath.normpath(posixpath.join(folder, path or "."))
            if not path or path.endswith("/") or (build.site / target).is_dir():
                target = posixpath.join(target, "index.html")
            if not target.startswith("../"):
                linked.add(posixpath.normpath(target))
    return linked


def check_in_navigation(build: Build) -> list[Problem]:
    linked = nav_links(build)
    return [
        Problem(
            source,
            "this page is not in the site's menu, so patients cannot find it",
            f"add it under 'nav:' in mkdocs.yml, e.g. '- Page title: {source[5:]}'",
        )
        for html, source in build.sources.items()
        if html not in linked
    ]


def check_page_parts(build: Build) -> list[Problem]:
    problems = []
    for html in build.html_pages():
        doc = parse(build.site / html)
        where = build.source_of(html)
        title = (doc.findtext(".//title") or "").strip()
        if not title:
            problems.append(
                Problem(where, "the page has no <title>", "add 'title:' to the front matter")
            )
        h1s = doc.xpath("//h1")
        if len(h1s) != 1:
            problems.append(
                Problem(
                    where,
                    f"the page has {len(h1s)} top-level headings (# Heading); it needs exactly 1",
                    "keep one line starting with '# ' at the top; use '## ' for the sections below it",
                )
            )
        desc = doc.xpath('//meta[@name="description"]/@content')
        if not desc or not desc[0].strip():
            problems.append(
                Problem(
                    where,
                    "the page has no meta description",
                    "add 'description:' (one sentence) to the front matter",
                )
            )
        content = main_content(doc)
        text = " ".join(visible_text_blocks(content)) if content is not None else ""
        if len(text.split()) < 3:
            problems.append(
                Problem(
                    where, "the page has no main content", "write the page's text below its heading"
                )
            )
    return problems


def check_leftover_syntax(build: Build) -> list[Problem]:
    problems = []
    for html in build.html_pages():
        doc = parse(build.site / html)
        source = build.source_of(html)
        blocks = [doc.findtext(".//title") or ""]
        blocks += doc.xpath('//meta[@name="description"]/@content')
        body = doc.find("body")
        blocks += visible_text_blocks(body) if body is not None else []
        text = "\n".join(blocks)
        for built, in_source, what, fix in LEFTOVERS:
            found = re.search(built, text, re.MULTILINE)
            if found:
                snippet = (
                    text[max(0, found.start() - 30) : found.end() + 30].replace("\n", " ").strip()
                )
                problems.append(
                    Problem(
                        source_line(build.project, source, in_source),
                        f"{what}; the page shows: “{snippet}”",
                        fix,
                    )
                )
    return problems
