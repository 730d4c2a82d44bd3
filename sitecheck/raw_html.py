"""Raw HTML that could run code, load another site, or hide text from patients is refused.

The site ships a Content-Security-Policy without 'unsafe-inline' scripts, and hidden text on a
medical page is a way to mislead search engines and patients alike.
"""

from __future__ import annotations

import re

from .finding import Finding
from .source import line_of, without_code

ACTIVE_TAG = re.compile(r"<\s*(script|iframe|object|embed|frame|frameset|applet)\b", re.IGNORECASE)
TAG = re.compile(r"<[A-Za-z][^<>]*>", re.DOTALL)
EVENT_HANDLER = re.compile(r"\s(on[a-z]+)\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"(?:\]\(\s*<?|=\s*[\"']?)\s*(javascript|vbscript)\s*:", re.IGNORECASE)
STYLE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
HIDING = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])"
    r"|opacity\s*:\s*0?\.?0*(?:;|$)|text-indent\s*:\s*-|(?:left|top)\s*:\s*-\d{3,}"
    r"|(?<!-)color\s*:\s*(?:transparent|white|#fff\b|#ffffff\b)|clip\s*:|height\s*:\s*0(?![.\d])",
    re.IGNORECASE,
)

WHY_SCRIPT = "pages may not run their own code or embed other websites"
FIX_SCRIPT = (
    "remove it. For a video or map, link to it instead: [Watch the video](https://...). "
    "Scripts belong in docs/javascripts/ and are added by a developer."
)


def check_raw_html(raw: str, file: str) -> list[Finding]:
    text = without_code(raw)
    out = []
    for match in ACTIVE_TAG.finditer(text):
        out.append(
            Finding(
                file,
                line_of(raw, match.start()),
                f"raw HTML <{match.group(1).lower()}> is not allowed: {WHY_SCRIPT}.",
                FIX_SCRIPT,
            )
        )
    for tag in TAG.finditer(text):
        for handler in EVENT_HANDLER.finditer(tag.group(0)):
            out.append(
                Finding(
                    file,
                    line_of(raw, tag.start() + handler.start(1)),
                    f"the HTML attribute '{handler.group(1)}=' runs code in the page, which the "
                    "site's security policy blocks.",
                    "remove the attribute; use a normal link [text](page.md) or ask a developer.",
                )
            )
        for style in STYLE.finditer(tag.group(0)):
            value = style.group(1) if style.group(1) is not None else style.group(2)
            hidden = HIDING.search(value)
            if hidden:
                out.append(
                    Finding(
                        file,
                        line_of(raw, tag.start() + style.start()),
                        f'style="{value.strip()}" hides text from readers ({hidden.group(0)}).',
                        "remove the style attribute; text on a patient page must be visible. "
                        'For optional detail use a collapsible box: ??? note "More detail".',
                    )
                )
    for match in JAVASCRIPT_URL.finditer(text):
        out.append(
            Finding(
                file,
                line_of(raw, match.start(1)),
                f"a link uses a '{match.group(1).lower()}:' address, which runs code instead of "
                "opening a page.",
                "link to a page or website instead: [text](page.md) or [text](https://...).",
            )
        )
    return out
