"""The site's own stylesheets load nothing from elsewhere and show no text of their own.

Read after tokenising them as a browser does (sitecheck/core/css.py: comments dropped, escapes
decoded, `@import "…"` and `u\\72 l(…)` seen for what they are), every `*.css` under overrides/
and docs/ is checked against allow-lists:

- no `@import` (the site has one stylesheet; an import is a request, often to another host);
- every address in `url(…)`, `src(…)`, `image-set(…)` … is a `data:` URL or a `#fragment`:
  nothing is fetched, from the site or another host, so no patient's visit is reported;
- a string may hold letters or digits only in a property that never shows it
  (`font-family`, `grid-template-areas` …): `content: "Call +1 900 …"` would put text on
  every page that no page's Markdown holds, where no check of the pages can see it.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from sitecheck.core.css import tokens
from sitecheck.core.finding import Finding

RULE = "stylesheet"
# Functions whose strings are addresses the browser fetches.
LOADERS = {
    "url",
    "src",
    "image",
    "image-set",
    "-webkit-image-set",
    "cross-fade",
    "-webkit-cross-fade",
}
# Properties whose strings are names, never shown to the reader.
NAMES_ONLY = {
    "font-family",
    "grid-template-areas",
    "grid-area",
    "font-feature-settings",
    "font-variation-settings",
    "will-change",
}


def _local(address: str) -> bool:
    address = address.strip()
    return address.lower().startswith("data:") or address.startswith("#")


def _words(text: str) -> bool:
    return any(unicodedata.category(c)[0] in "LN" for c in text)


def check_text(text: str, file: str) -> list[Finding]:
    out: list[Finding] = []
    stack: list[str] = []  # open brackets: "{", "[", or the function's name for "("
    prop: str | None = None
    prev = None
    for tok in tokens(text):
        if tok.kind == "at" and tok.value == "import":
            out.append(
                Finding(
                    file,
                    tok.line,
                    "@import loads another stylesheet in every patient's browser (often from "
                    "another website, which then learns who reads the clinic's pages).",
                    "remove the @import; put the rules in this file, and use the fonts the "
                    "site already has.",
                    rule=RULE,
                )
            )
        elif tok.kind == "url" and not _local(tok.value):
            out.append(_fetch(file, tok.line, tok.value))
        elif tok.kind == "string":
            inside = next((s for s in reversed(stack) if s != "("), None)
            if stack and stack[-1] in LOADERS:
                if not _local(tok.value):
                    out.append(_fetch(file, tok.line, tok.value))
            elif (
                inside != "[" and prop is not None and prop not in NAMES_ONLY and _words(tok.value)
            ):
                out.append(
                    Finding(
                        file,
                        tok.line,
                        f"'{prop}' shows the text \"{tok.value}\" on the page from the "
                        "stylesheet: words no page holds, which no check of the pages "
                        "reads (a phone number or notice here reaches every patient "
                        "unchecked).",
                        "write the words in the page's Markdown (or clinic.yml for the "
                        "clinic's facts); in CSS, content: may only use punctuation, "
                        "counter() and attr().",
                        rule=RULE,
                    )
                )
        if tok.kind == "open":
            if tok.value == "(":
                stack.append(prev.value if prev is not None and prev.kind == "function" else "(")
            else:
                stack.append(tok.value)
            if tok.value == "{":
                prop = None
        elif tok.kind == "close":
            if stack:
                stack.pop()
            if tok.value == "}":
                prop = None
        elif tok.kind == ";":
            prop = None
        elif tok.kind == ":" and prop is None and prev is not None and prev.kind == "ident":
            prop = prev.value.lower()
        prev = tok
    return out


def _fetch(file: str, line: int, address: str) -> Finding:
    return Finding(
        file,
        line,
        f"the stylesheet loads '{address}' in every patient's browser: the site's stylesheet "
        "is written into each page and may load nothing (from another website it also tells "
        "that website who reads the page).",
        "draw the picture with a data: URL or as an inline SVG in the page, or put it in "
        "docs/images/ and show it in the page's Markdown; never load fonts or pictures from "
        "another website.",
        rule=RULE,
    )


def check(project: Path) -> list[Finding]:
    out = []
    for folder in ("overrides", "docs"):
        root = project / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*.css")):
            rel = path.relative_to(project).as_posix()
            text = path.read_text(encoding="utf-8", errors="replace")
            out += check_text(text, rel)
    return out
