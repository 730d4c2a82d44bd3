"""Markdown the renderer swallowed is reported against its source line, with the shared patterns."""

import pytest

from sitecheck.core.page_tree import parse_html, visible_text
from sitecheck.rules.page.leftover_patterns import LEFTOVERS
from sitecheck.rules.page.leftovers import check_leftovers
from tests.checks import pages

SOURCE = "---\ntitle: X\n---\n\n# X\n\nText.\n\n{line}\n"
# (a source line the renderer leaves as text, the HTML it produces)
SWALLOWED = [
    ('  !!! warning "Careful"', '<p>!!! warning "Careful"</p>'),
    ('  ??? note "More"', '<p>??? note "More"</p>'),
    ('  === "Men"', '<p>=== "Men"</p>'),
    ("-8<- glossary.md --8<-- bad", "<p>-8&lt;- glossary.md --8&lt;-- bad</p>"),
    ("Call {{ '{{' }} clinic.phone }}", "<p>Call {{ clinic.phone }}</p>"),
    ("Run {% raw %}{% if x %}{% endraw %}", "<p>Run {% if x %}</p>"),
    ("Read the [cost page] (cost.md).", "<p>Read the [cost page] (cost.md).</p>"),
    ("1. First. {: #first }", "<ol><li>First. {: #first }</li></ol>"),
    ("A :material-nosuchicon: icon.", "<p>A :material-nosuchicon: icon.</p>"),
    ("Glad :thumbs-up: at 10:30.", "<p>Glad :thumbs-up: at 10:30.</p>"),
]


def text_of(html: str) -> str:
    return visible_text(parse_html(f"<html><body>{html}</body></html>"))


def test_build_hook_and_built_site_check_share_one_list():
    assert pages.LEFTOVERS is LEFTOVERS
    assert len(SWALLOWED) == len(LEFTOVERS)


@pytest.mark.parametrize(("pattern", "case"), list(zip(LEFTOVERS, SWALLOWED, strict=True)))
def test_swallowed_markdown_is_reported_on_its_source_line(pattern, case):
    line, html = case
    found = check_leftovers(text_of(html), SOURCE.format(line=line), "docs/x.md")
    assert [f.what.split(";")[0] for f in found] == [pattern[2]]
    assert found[0].where == "docs/x.md:9"
    assert found[0].fix.startswith(pattern[3][:20])


def test_syntax_shown_as_code_is_not_reported():
    html = '<pre><code>!!! note "Title"\n    {{ clinic.phone }}</code></pre><p>Use <code>[a](b.md)</code>.</p>'
    source = SOURCE.format(line='```\n!!! note "Title"\n```')
    assert check_leftovers(text_of(html), source, "docs/x.md") == []
