"""Code and styles written inline in built pages: the one detector the CSP and the checks share.

Collects, from the tree the engine parsed once, every executable inline <script>, every
<style> block, every style="" value and every piece of JavaScript in an attribute (on*=
handlers, javascript: URLs). Only the theme's own scripts (sitecheck/rules/page/theme_scripts.py), the
site's joined stylesheet (stylesheet/, written into each <head>) and Markdown's table
alignments are allowed: the security headers hash those, each computed from what the build
wrote and never from a page, and anything else inline anywhere in the built site is a finding.
Code in attributes is a finding too, because no hash can allow it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import lxml.etree

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import first_line

# Script types a browser executes (HTML standard). Others, e.g. application/json and
# application/ld+json, are data blocks: never run, so CSP does not apply and needs no hash.
JS_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
# Markdown's table alignment: the only style attribute the site writes (`| :---: |`).
ALIGNMENT = re.compile(r"text-align: (left|right|center);")
# Browsers drop ASCII whitespace and control characters inside a URL's scheme ("java\tscript:").
URL_NOISE = re.compile(r"[\x00-\x20]+")


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@dataclass(frozen=True)
class InlineScript:
    page: str  # built file, relative to the site: "cost/index.html"
    code: str

    @property
    def hash(self) -> str:
        return csp_hash(self.code)


@dataclass(frozen=True)
class StyleAttribute:
    page: str
    value: str

    @property
    def hash(self) -> str:
        return csp_hash(self.value)


@dataclass(frozen=True)
class InlineHandler:
    page: str
    tag: str
    attribute: str


@dataclass(frozen=True)
class StyleBlock:
    page: str
    css: str


@dataclass(frozen=True)
class KeptStyleBlock:
    """What the site-wide collection keeps of a <style> block: its hash if it is the site's
    stylesheet, "" if not; not 170 KB per page."""

    page: str
    hash: str


class Inline(NamedTuple):
    scripts: list[InlineScript]
    styles: list[StyleAttribute]
    handlers: list[InlineHandler]
    blocks: list[StyleBlock]


def is_handler(name: str) -> bool:
    """onclick=, onerror=...: a bare "on" (a word from a broken attribute) runs nothing."""
    return name.startswith("on") and len(name) > 2


def runs_script(url: str) -> bool:
    if ":" not in url:  # most: a page's own address (dropping noise cannot make a colon)
        return False
    scheme = URL_NOISE.sub("", url).lower()
    return scheme.startswith(("javascript:", "vbscript:"))


def attribute_name(name: str) -> str:
    # lxml spells namespaced attributes "{uri}local"; xlink:href is the one that matters.
    return "xlink:href" if name.endswith("}href") else name.lower()


@lru_cache(maxsize=4096)
def _kind(raw_name: str) -> str:
    """What an attribute's name alone says: handler, url, style or "" (most: class, id, ...)."""
    name = attribute_name(raw_name)
    if is_handler(name):
        return "handler"
    return "url" if name in URL_ATTRIBUTES else "style" if name == "style" else ""


@lru_cache(maxsize=1024)
def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def scan(doc, dest: str) -> Inline:
    scripts, styles, handlers = [], [], []
    for node in doc.iter(lxml.etree.Element):  # elements only: comments carry no attributes
        for raw_name, value in node.items():
            kind = _kind(raw_name)
            if not kind:
                continue  # class, id, ...: most attributes
            if kind == "handler" or (kind == "url" and runs_script(value)):
                handlers.append(
                    InlineHandler(dest, _local_name(node.tag), attribute_name(raw_name))
                )
            elif kind == "style":
                styles.append(StyleAttribute(dest, value))
    # libxml2 finds the scripts itself, instead of a name test on every element in Python.
    for node in doc.iter("script", "{*}script"):
        if node.get("src") is None:
            kind = (node.get("type") or "").split(";")[0].strip().lower()
            if kind in JS_TYPES:
                scripts.append(InlineScript(dest, node.text or ""))
    blocks = [StyleBlock(dest, node.text or "") for node in doc.iter("style", "{*}style")]
    return Inline(scripts, styles, handlers, blocks)


def style_allowed(value: str) -> bool:
    return bool(ALIGNMENT.fullmatch(value.strip()))


@dataclass
class Collected:
    """Everything inline across the site, for the Content-Security-Policy. `allow` says which
    scripts the theme wrote (theme_scripts.ThemeScripts.allowed), `sheet` is the stylesheet the
    build joined; only those are hashed."""

    allow: Callable[[str], bool] = lambda code: False
    sheet: str = ""
    scripts: list[InlineScript] = field(default_factory=list)
    styles: list[StyleAttribute] = field(default_factory=list)
    handlers: list[InlineHandler] = field(default_factory=list)
    blocks: list[KeptStyleBlock] = field(default_factory=list)

    def add(self, page) -> None:
        found = page.inline
        self.scripts += found.scripts
        self.styles += found.styles
        self.handlers += found.handlers
        self.blocks += [keep(block, self.sheet) for block in found.blocks]

    def script_hashes(self) -> list[str]:
        return sorted({s.hash for s in self.scripts if self.allow(s.code)})

    def style_hashes(self) -> list[str]:
        return sorted({s.hash for s in self.styles if style_allowed(s.value)})

    def block_hashes(self) -> list[str]:
        return sorted({b.hash for b in self.blocks if b.hash})


@lru_cache(maxsize=4)
def sheet_hash(sheet: str) -> str:
    return csp_hash(sheet)


def is_site_sheet(block: StyleBlock, sheet: str) -> bool:
    """The one <style> block allowed: the stylesheet the build joined (stylesheet/)."""
    return bool(sheet) and block.css == sheet


def keep(block: StyleBlock, sheet: str) -> KeptStyleBlock:
    return KeptStyleBlock(block.page, sheet_hash(sheet) if is_site_sheet(block, sheet) else "")


def check_page(page, context) -> list[Finding]:
    scripts, styles, handlers, blocks = page.inline
    theme = context.theme_scripts
    # What a page's content holds is sitecheck/rules/page/raw_html.py's to report, with its line.
    content = page.content if page.is_doc and page.content is not None else None
    in_content = set() if content is None else set(content.xpath(".//script/text()"))
    styled_in_content = set() if content is None else set(content.xpath(".//style/text()"))
    styled = set() if content is None else set(content.xpath(".//@style"))
    if content is not None:
        handlers = [h for h in handlers if h not in scan(content, h.page).handlers]
    out = [
        Finding(
            page.file,
            first_line(page.raw, r"(?i)<\s*script\b|\\x3c|&lt;script"),
            f"an inline script that the theme did not write is in the page ({s.page}): "
            f"'{' '.join(s.code.split())[:60]}'. It could run code in patients' browsers, so "
            "the site's security policy does not allow it.",
            "remove it (check the page, its title and description, and the snippets it "
            "includes). Scripts belong in docs/javascripts/ and are added by a developer.",
        )
        for s in scripts
        if not theme.allowed(s.code) and s.code not in in_content
    ]
    out += [
        Finding(
            page.file,
            first_line(page.raw, r"(?i)\bstyle\s*="),
            f'style="{s.value}" ({s.page}) is not one of the table alignments the site allows, '
            "so the security policy does not allow it.",
            "remove the style attribute; the look of the site comes from its stylesheet.",
        )
        for s in styles
        if not style_allowed(s.value) and s.value not in styled
    ]
    out += [
        Finding(
            page.file,
            first_line(page.raw, r"(?i)<\s*style\b"),
            f"a <style> block that the build did not write is in the page ({b.page}): "
            f"'{' '.join(b.css.split())[:60]}'. Only the site's own stylesheet may be inline, "
            "so the site's security policy does not allow it.",
            "remove it; the look of the site comes from overrides/assets/stylesheets/theme.css, "
            "which a developer changes.",
        )
        for b in blocks
        if not is_site_sheet(b, context.stylesheet) and b.css not in styled_in_content
    ]
    return out + [
        Finding(
            page.file,
            0,
            f"<{h.tag} {h.attribute}=...> puts JavaScript in an attribute ({h.page}), which the "
            "site's Content-Security-Policy blocks.",
            "move the code to a file in docs/javascripts/ and attach it with addEventListener "
            "inside document$.subscribe(...).",
        )
        for h in handlers
    ]
