"""Every local link, image, script, stylesheet and sitemap entry in the built site resolves.

Walks every HTML file (404 page, theme parts and raw HTML included), resolves each URL to a file,
and each #fragment to an id on the target page. External links are collected for a report and
must be https (or mailto:/tel:); they are only fetched in the opt-in online mode.
"""

from __future__ import annotations

import difflib
import re
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree

from sitecheck.html import ids_on, parse
from tests.checks.pages import source_line
from tests.checks.problems import Problem
from tests.checks.site import Build

URL_XPATHS = [
    "//a/@href",
    "//area/@href",
    "//link/@href",
    "//script/@src",
    "//img/@src",
    "//source/@src",
    "//iframe/@src",
    "//video/@src",
    "//video/@poster",
    "//audio/@src",
    "//track/@src",
    "//embed/@src",
    "//object/@data",
    "//form/@action",
    '//meta[@property="og:image" or @property="og:url" or @name="twitter:image"]/@content',
]
SRCSET_XPATHS = ["//img/@srcset", "//source/@srcset"]


@dataclass
class LinkReport:
    problems: list[Problem] = field(default_factory=list)
    # external URL -> the source files that link to it
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    checked: int = 0


def urls_in(page: Path) -> list[str]:
    doc = parse(page)
    urls = [str(u).strip() for xp in URL_XPATHS for u in doc.xpath(xp)]
    for xp in SRCSET_XPATHS:
        for srcset in doc.xpath(xp):
            urls += [part.strip().split()[0] for part in str(srcset).split(",") if part.strip()]
    return urls


def local_file(site: Path, path: str) -> Path:
    target = site / unquote(path).lstrip("/")
    if path.endswith("/") or path == "" or target.is_dir():
        target = target / "index.html"
    return target


def where(build: Build, html: str, url: str) -> str:
    """The Markdown line that most likely holds the link, else the file."""
    source = build.source_of(html)
    parts = urlsplit(url)
    stem = Path(parts.path.rstrip("/")).name
    for needle in (url, f"#{parts.fragment}" if parts.fragment else "", stem):
        if needle:
            located = source_line(build.project, source, re.escape(needle))
            if located != source:
                return located
    return source


def check_external_form(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme == "http":
        return "uses http://, which is not private or safe for patients; use https://"
    if parts.scheme == "https":
        if not re.fullmatch(r"[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?", parts.netloc) or " " in url:
            return "is not a well-formed web address"
        return None
    if parts.scheme == "mailto":
        return (
            None
            if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", parts.path)
            else "is not a valid e-mail link"
        )
    if parts.scheme == "tel":
        return None if re.fullmatch(r"\+?[0-9-]{6,}", parts.path) else "is not a valid phone link"
    return f"uses '{parts.scheme}:', which the site does not allow"


def check_links(build: Build) -> LinkReport:
    report = LinkReport()
    site = build.site.resolve()
    root = urlsplit(build.site_url)
    prefix = root.path if root.path.endswith("/") else root.path + "/"
    for html in build.html_pages():
        page = site / html
        page_url = urljoin(f"{root.scheme}://{root.netloc}{prefix}", html)
        for raw in urls_in(page):
            report.checked += 1
            if raw.startswith("data:"):
                continue
            absolute = urljoin(page_url, raw)
            parts = urlsplit(absolute)
            if parts.netloc != root.netloc or parts.scheme not in ("http", "https"):
                error = check_external_form(raw if urlsplit(raw).scheme else absolute)
                if error:
                    report.problems.append(
                        Problem(
                            where(build, html, raw),
                            f"link '{raw}' {error}",
                            "correct the address; external links must start with https://",
                        )
                    )
                else:
                    report.external[absolute].add(build.source_of(html))
                continue
            if not parts.path.startswith(prefix) and parts.path + "/" != prefix:
                report.problems.append(
                    Problem(
                        where(build, html, raw),
                        f"link '{raw}' points outside the site ({parts.path})",
                        "link to the Markdown file instead, e.g. [Cost](cost.md)",
                    )
                )
                continue
            target = local_file(site, parts.path[len(prefix) :])
            if not target.is_file():
                report.problems.append(
                    Problem(
                        where(build, html, raw),
                        f"link '{raw}' points to a page or file that does not exist "
                        f"({target.relative_to(site).as_posix()})",
                        "check the spelling of the file name; link to Markdown files as "
                        "[text](other-page.md) and to images as ![description](images/name.svg)",
                    )
                )
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = ids_on(target)
                if fragment not in ids:
                    close = difflib.get_close_matches(fragment, sorted(ids), n=3)
                    hint = f" Did you mean: {', '.join('#' + c for c in close)}?" if close else ""
                    report.problems.append(
                        Problem(
                            where(build, html, raw),
                            f"link '{raw}' points to a section '#{fragment}' that does not exist on "
                            f"{build.source_of(target.relative_to(site).as_posix())}",
                            "use the section's heading in lower case with spaces as hyphens, "
                            f"e.g. '## What it costs' is #what-it-costs.{hint}",
                        )
                    )
    report.problems += check_sitemap(build, prefix)
    return report


def check_sitemap(build: Build, prefix: str) -> list[Problem]:
    sitemap = build.site / "sitemap.xml"
    if not sitemap.is_file():
        return [Problem("site", "sitemap.xml was not built", "check 'site_url' in mkdocs.yml")]
    problems = []
    for loc in lxml.etree.parse(str(sitemap)).xpath("//*[local-name()='loc']/text()"):
        parts = urlsplit(loc.strip())
        target = local_file(build.site, parts.path[len(prefix) :])
        if urlsplit(build.site_url).netloc != parts.netloc or not target.is_file():
            problems.append(
                Problem(
                    "sitemap.xml",
                    f"entry '{loc}' does not match a built page",
                    "check 'site_url' in mkdocs.yml matches the published address",
                )
            )
    return problems


def fetch_status(url: str, timeout: float = 15) -> str | None:
    """Online mode only: None when the link answers, else why not."""
    if not url.startswith("https://"):
        return None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": "link-check"})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except Exception as err:
            reason = str(err)
    return reason


def external_report(report: LinkReport, online: bool) -> str:
    mode = (
        "fetched online"
        if online
        else (
            "NOT fetched (offline mode; run `CHECK_EXTERNAL_LINKS=1 ./run test tests/test_links.py` to fetch them)"
        )
    )
    lines = [f"{len(report.external)} external links, {mode}:"]
    for url in sorted(report.external):
        lines.append(f"  {url}  <- {', '.join(sorted(report.external[url]))}")
    return "\n".join(lines)
