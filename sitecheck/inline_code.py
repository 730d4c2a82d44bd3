"""Code and styles written inline in built pages: the one detector the CSP and the checks share.

Collects, from the tree the engine parsed once, every executable inline <script>, every
style="" value and every piece of JavaScript in an attribute (on*= handlers, javascript: URLs).
The security headers hash what is collected here; code in attributes is a finding, because no
hash can allow it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field

from .finding import Finding

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


def runs_script(url: str) -> bool:
    scheme = URL_NOISE.sub("", url).lower()
    return scheme.startswith(("javascript:", "vbscript:"))


def attribute_name(name: str) -> str:
    # lxml spells namespaced attributes "{uri}local"; xlink:href is the one that matters.
    return "xlink:href" if name.endswith("}href") else name.lower()


def scan(doc, dest: str) -> tuple[list[InlineScript], list[StyleAttribute], list[InlineHandler]]:
    scripts, styles, handlers = [], [], []
    for node in doc.iter():
        if not isinstance(node.tag, str):
            continue
        tag = node.tag.rsplit("}", 1)[-1].lower()
        for raw_name, value in node.attrib.items():
            name = attribute_name(raw_name)
            if name.startswith("on") or (name in URL_ATTRIBUTES and runs_script(value)):
                handlers.append(InlineHandler(dest, tag, name))
            elif name == "style":
                styles.append(StyleAttribute(dest, value))
        if tag == "script" and node.get("src") is None:
            kind = (node.get("type") or "").split(";")[0].strip().lower()
            if kind in JS_TYPES:
                scripts.append(InlineScript(dest, node.text or ""))
    return scripts, styles, handlers


@dataclass
class Collected:
    """Everything inline across the site, for the Content-Security-Policy."""

    scripts: list[InlineScript] = field(default_factory=list)
    styles: list[StyleAttribute] = field(default_factory=list)
    handlers: list[InlineHandler] = field(default_factory=list)

    def add(self, page) -> None:
        scripts, styles, handlers = page.inline
        self.scripts += scripts
        self.styles += styles
        self.handlers += handlers

    def script_hashes(self) -> list[str]:
        return sorted({s.hash for s in self.scripts})

    def style_hashes(self) -> list[str]:
        return sorted({s.hash for s in self.styles})


def check_page(page, context) -> list[Finding]:
    _, _, handlers = page.inline
    return [
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
