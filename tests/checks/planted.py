"""A page rule's input from a planted snippet, and its findings as one string to search."""

from __future__ import annotations

from sitecheck.engine import Page


def page(body: str, raw: str) -> Page:
    html = f'<html lang="en"><head><title>T</title></head><body><article>{body}</article></body></html>'
    return Page("x/index.html", "docs/x.md", html, raw)


def said(findings) -> str:
    return "\n".join(str(f) for f in findings)
