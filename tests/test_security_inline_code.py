"""The engine's one inline-code detector (sitecheck/rules/page/csp_inline.py) reads URLs as browsers do:
whitespace and control characters inside the scheme, entities, and SVG's xlink:href."""

from __future__ import annotations

import pytest

from sitecheck.core.page_tree import parse_html
from sitecheck.rules.page.csp_inline import runs_script, scan, style_allowed

SVG = '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="{}"><text>x</text></a></svg>'


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "java\tscript:alert(1)",
        " JaVaScRiPt:x",
        "java\nscript:x",
        "vbscript:x",
    ],
)
def test_script_schemes_are_recognised_however_spelled(url):
    assert runs_script(url)


@pytest.mark.parametrize("url", ["https://example.org/", "../cost/", "mailto:a@b.example", "#top"])
def test_ordinary_addresses_are_not_scripts(url):
    assert not runs_script(url)


@pytest.mark.parametrize(
    "html",
    [
        '<a href="java&#9;script:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        SVG.format("&#106;avascript:alert(1)"),
        SVG.format("javascript:alert(1)"),
    ],
)
def test_entity_and_xlink_spellings_are_found(html):
    handlers = scan(parse_html(f"<html><body>{html}</body></html>"), "x/index.html").handlers
    assert [h.attribute for h in handlers] in (["href"], ["xlink:href"]), handlers


@pytest.mark.parametrize(
    ("value", "allowed"),
    [
        ("text-align: right;", True),
        ("text-align: center;", True),
        ("position:fixed;inset:0", False),
        ("text-align: right; position: fixed;", False),
    ],
)
def test_only_table_alignments_are_allowed_styles(value, allowed):
    assert style_allowed(value) is allowed
