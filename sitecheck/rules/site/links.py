"""Every local link, image, script, stylesheet and sitemap entry of the built site resolves.

A site rule: it reads every built HTML file the engine saw (the 404 page, theme parts and raw
HTML included), resolves each URL to a file of the build, and each #fragment to an id on the
target page. External links must be https (or mailto:/tel:); they are listed, never fetched here.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import first_line

# Every attribute that makes the browser load or go to a URL, by element.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
}
SRCSET_TAGS = ("img", "source")
META_URLS = {("property", "og:image"), ("property", "og:url"), ("name", "twitter:image")}


def urls_in(doc) -> list[str]:
    """One walk over the page (an XPath per attribute walked it fifteen times)."""
    urls = []
    for node in doc.iter(*URL_ATTRIBUTES, "meta"):
        tag = node.tag
        if tag == "meta":
            if any(node.get(key) == value for key, value in META_URLS):
                urls += [node.get("content").strip()] if node.get("content") is not None else []
            continue
        for name in URL_ATTRIBUTES[tag]:
            value = node.get(name)
            if value is not None:
                urls.append(value.strip())
        srcset = node.get("srcset") if tag in SRCSET_TAGS else None
        if srcset is not None:
            urls += [part.strip().split()[0] for part in srcset.split(",") if part.strip()]
    return urls


def local_target(outputs: set[str], path: str) -> str:
    """The built file a site path names: a folder means its index.html."""
    target = posixpath.normpath(unquote(path).lstrip("/") or ".")
    if target == ".":
        return "index.html"
    index = posixpath.join(target, "index.html")
    if path.endswith("/") or (target not in outputs and index in outputs):
        return index
    return target


def line_of_link(page, url: str) -> int:
    """The Markdown line that most likely holds the link, else 0 (the whole file)."""
    parts = urlsplit(url)
    stem = PurePosixPath(parts.path.rstrip("/")).name
    # "stem.md" before the bare stem: Zensical writes an unresolved 'prices.md' as '../prices/',
    # and the bare word 'prices' may stand in the text lines before the link.
    md = f"{stem}.md" if stem else ""
    for needle in (url, f"#{parts.fragment}" if parts.fragment else "", md, stem):
        if needle:
            line = first_line(page.raw, re.escape(needle))
            if line:
                return line
    return 0


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
        # Three digits at least: the emergency and crisis lines (911, 988) are tapped too.
        ok = re.fullmatch(r"\+?[0-9][0-9-]{2,}", parts.path)
        return None if ok else "is not a valid phone link"
    return f"uses '{parts.scheme}:', which the site does not allow"


def site_prefix(site_url: str) -> tuple[str, str]:
    root = urlsplit(site_url or "https://site.invalid/")
    prefix = root.path if root.path.endswith("/") else root.path + "/"
    return f"{root.scheme}://{root.netloc}", prefix


# A plain relative path ("../cost/#fees", "?q", "#top"): no scheme, no "//" (a host, or an
# empty segment urljoin keeps), no backslash and no control character (urlsplit drops tabs and
# line breaks, so "jav<tab>ascript:" is a scheme to it); anything else goes through urljoin.
PLAIN_PATH = re.compile(r"(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!.*//)[^\\\x00-\x1f\x7f]*")


def join_path(base_dir: str, page_path: str, raw: str) -> tuple[str, str]:
    """What urljoin gives for a plain relative path, three times faster: (path, fragment).
    Pages have hundreds of menu links each, and this is the links rule's hot loop."""
    rest, _, fragment = raw.partition("#")
    path = rest.partition("?")[0]
    if not path:
        return page_path, fragment
    joined = posixpath.normpath(posixpath.join(base_dir, path))
    last = path.rsplit("/", 1)[-1]
    if (path.endswith("/") or last in (".", "..")) and joined != "/":
        joined += "/"
    return joined, fragment


class Link(NamedTuple):
    """One address on a page, resolved as the page is built (`kind`: local, external, bad).
    A named tuple: a page has a hundred or more, and a frozen dataclass is slow to make."""

    raw: str
    kind: str
    path: str = ""  # local: the site path under the prefix; external: the absolute address
    fragment: str = ""
    what: str = ""
    fix: str = ""


def resolve(doc, dest: str, site_url: str) -> list[Link]:
    """Every URL of a page, resolved against its address; what is wrong with the address
    itself is known here, whether its target exists only once every page is built."""
    origin, prefix = site_prefix(site_url)
    netloc = urlsplit(origin).netloc
    page_url = urljoin(origin + prefix, dest)
    page_path = urlsplit(page_url).path
    base_dir = posixpath.dirname(page_path)
    out = []
    for raw in urls_in(doc):
        if raw.startswith("data:"):
            continue
        if PLAIN_PATH.fullmatch(raw):
            path, fragment = join_path(base_dir, page_path, raw)
        else:
            absolute = urljoin(page_url, raw)
            parts = urlsplit(absolute)
            if parts.netloc != netloc or parts.scheme not in ("http", "https"):
                error = check_external_form(raw if urlsplit(raw).scheme else absolute)
                if error:
                    fix = "correct the address; external links must start with https://."
                    out.append(Link(raw, "bad", what=f"link '{raw}' {error}.", fix=fix))
                else:
                    out.append(Link(raw, "external", absolute))
                continue
            path, fragment = parts.path, parts.fragment
        if not path.startswith(prefix) and path + "/" != prefix:
            what = f"link '{raw}' points outside the site ({path})."
            fix = "link to the Markdown file instead, e.g. [Cost](cost.md)."
            out.append(Link(raw, "bad", what=what, fix=fix))
            continue
        out.append(Link(raw, "local", path[len(prefix) :], unquote(fragment)))
    return out


def check_page(page, context) -> list[Finding]:
    """The page rule: addresses that are wrong in themselves (http://, malformed, outside)."""
    return [
        Finding(page.file, line_of_link(page, link.raw), link.what, link.fix)
        for link in page.links
        if link.kind == "bad"
    ]


def check_targets(page, context, pages, targets: dict[str, str]) -> list[Finding]:
    """Each local link names a built file, and its #fragment an id on that page.
    `targets` remembers each path's file: every page links to the same menu pages."""
    out = []
    for link in page.links:
        if link.kind != "local":
            continue
        raw = link.raw
        target = targets.get(link.path)
        if target is None:
            target = targets[link.path] = local_target(context.outputs, link.path)
        if target not in context.outputs:
            what = f"link '{raw}' points to a page or file that does not exist ({target})."
            fix = (
                "check the spelling of the file name; link to Markdown files as "
                "[text](other-page.md) and to images as ![description](images/name.svg)."
                + meant_page(raw.split("#")[0], page.file, context.sources.values())
            )
            out.append(Finding(page.file, line_of_link(page, raw), what, fix))
            continue
        fragment = link.fragment
        if fragment and target in pages and fragment not in pages[target].ids:
            ids = pages[target].ids
            close = difflib.get_close_matches(fragment, sorted(ids), n=3)
            hint = f" Did you mean: {', '.join('#' + c for c in close)}?" if close else ""
            what = (
                f"link '{raw}' points to a section '#{fragment}' that does not exist on "
                f"{pages[target].file}."
            )
            fix = (
                "use the section's heading in lower case with spaces as hyphens, "
                f"e.g. '## What it costs' is #what-it-costs.{hint}"
            )
            out.append(Finding(page.file, line_of_link(page, raw), what, fix))
    return out


def meant_page(written: str, file: str, sources) -> str:
    """The page a Markdown link to a missing file most likely meant, as the editor would write
    it from `file`: 'docs/cost.md' (the folder typed too), 'Cost.md' (capitals), 'cost'
    (no .md), 'costs.md' (a typo). "" when the link is not to a page, or nothing is close."""
    name = unquote(written)
    if not name or name.startswith(("/", "../")) or PurePosixPath(name).suffix not in ("", ".md"):
        return ""
    here = posixpath.dirname(file.removeprefix("docs/")) or "."
    pages = sorted(posixpath.relpath(s.removeprefix("docs/"), here) for s in sources)
    plain = name.removeprefix("docs/").lower().removesuffix("/").removesuffix(".md") + ".md"
    if plain in pages:
        return (
            f" Did you mean '{plain}'? Write a page's file name as it is in docs/: lower case, "
            "ending in .md, without 'docs/' before it."
        )
    close = difflib.get_close_matches(plain, pages, n=1, cutoff=0.75)
    return f" Did you mean '{close[0]}'?" if close else ""


def check_site(pages, context) -> list[Finding]:
    out, targets = [], {}
    for page in pages.values():
        out += check_targets(page, context, pages, targets)
    if context.site_dir is not None:
        out += check_sitemap(context)
    return out


def external_links(pages, context) -> dict[str, set[str]]:
    """Every external address and the files that link to it (for reports/external-links.txt)."""
    found: dict[str, set[str]] = defaultdict(set)
    for page in pages.values():
        for link in page.links:
            if link.kind == "external":
                found[link.path].add(page.file)
    return found


def check_sitemap(context) -> list[Finding]:
    sitemap = Path(context.site_dir) / "sitemap.xml"
    if not sitemap.is_file():
        return [
            Finding(
                "mkdocs.yml", 0, "sitemap.xml was not built.", "check 'site_url' in mkdocs.yml."
            )
        ]
    origin, prefix = site_prefix(context.site_url)
    problems = []
    for loc in lxml.etree.parse(str(sitemap)).xpath("//*[local-name()='loc']/text()"):
        parts = urlsplit(loc.strip())
        target = local_target(context.outputs, parts.path[len(prefix) :])
        if urlsplit(origin).netloc != parts.netloc or target not in context.outputs:
            problems.append(
                Finding(
                    "sitemap.xml",
                    0,
                    f"entry '{loc}' does not match a built page.",
                    "check 'site_url' in mkdocs.yml matches the published address.",
                )
            )
    return problems
