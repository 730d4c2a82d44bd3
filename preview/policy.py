"""The preview's Content-Security-Policy: what the editor's browser may load and run.

The preview serves a page even when the build refuses it, so that its box can point at the
problem. A refused payload must not reach further than that page: with this policy the
browser fetches nothing from another host, runs only the inline scripts the theme's templates
write (the same allow-list as the published site, sitecheck/rules/page/theme_scripts.py) and MkDocs'
live-reload script, and no on*= handler or javascript: link. Styles may stay inline: the
preview's boxes use them, and a style can only load from this host (img-src, font-src).
"""

from __future__ import annotations

import re

from mkdocs.livereload import _SCRIPT_TEMPLATE_STR

from sitecheck.core.page_tree import parse_html
from sitecheck.rules.page.csp_inline import scan
from sitecheck.rules.page.theme_scripts import ThemeScripts

# MkDocs writes this script into every page it serves, with two numbers of its own.
LIVERELOAD = re.compile(
    re.escape(_SCRIPT_TEMPLATE_STR)
    .replace(re.escape("${epoch}"), r"\d+")
    .replace(re.escape("${request_id}"), r"\d+")
)
OTHER_DIRECTIVES = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def is_svg(path: str, headers: list[tuple[str, str]]) -> bool:
    typed = any(k.lower() == "content-type" and "svg" in v.lower() for k, v in headers)
    return typed or path.split("?")[0].lower().endswith((".svg", ".svgz"))


def is_html(headers: list[tuple[str, str]]) -> bool:
    return any(k.lower() == "content-type" and "text/html" in v.lower() for k, v in headers)


def policy(body: bytes, theme: ThemeScripts) -> str:
    """The policy for one served page: its theme scripts and MkDocs' script allowed by hash."""
    scripts = scan(parse_html(body), "").scripts if body.strip() else []
    allowed = sorted(
        {s.hash for s in scripts if theme.allowed(s.code) or LIVERELOAD.fullmatch(s.code)}
    )
    return "; ".join([" ".join(["script-src 'self'", *allowed]), *OTHER_DIRECTIVES])
