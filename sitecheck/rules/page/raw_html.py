"""Only the HTML the site's Markdown produces may reach patients: an allow-list on built pages.

Checked on the built HTML of each page's content (the <article>), after macros, snippets and
front matter have done their work, so no way of spelling a tag in the source gets past it.
Every element and attribute must be on the lists below: what the site's Markdown extensions
write (admonitions, details, tabs, tables, task lists, abbreviations, footnotes, images,
headings with permalinks, code), the theme's parts of the article, the eligibility page's
self-check, and the inline SVG of diagrams. Anything else stops the build.

Two parsers read the content: lxml (the engine's tree, which names what is wrong) and nh3
(html5ever, the HTML standard's parser, as browsers read it). If nh3, cleaning with the same
allow-list, would drop something lxml found harmless, the page is refused too: the two
disagree about what the page contains, and a browser might run it.
"""

from __future__ import annotations

import re

import lxml.etree
import nh3

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import first_line
from sitecheck.core.page_tree import parse_html, theme_foot
from sitecheck.rules.page.csp_inline import is_handler, runs_script

SVG = {
    "svg", "g", "title", "desc", "rect", "circle", "ellipse", "path", "line", "polyline",
    "polygon", "text", "tspan", "figure", "figcaption",
}  # fmt: skip
SVG_ATTRIBUTES = {
    "viewbox", "width", "height", "role", "aria-labelledby", "aria-hidden", "id", "class",
    "x", "y", "dx", "dy", "cx", "cy", "r", "rx", "ry", "d", "points", "x1", "y1", "x2", "y2",
    "transform", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-dasharray", "font-size", "font-weight", "text-anchor", "dominant-baseline", "xmlns",
}  # fmt: skip
EVERYWHERE = {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-hidden"}
# Element -> attributes it may carry besides EVERYWHERE. From the real built pages.
ELEMENTS: dict[str, set[str]] = {
    **{
        tag: set()
        for tag in (
            "article",
            "section",
            "p",
            "br",
            "hr",
            "em",
            "strong",
            "b",
            "i",
            "small",
            "sub",
            "sup",
            "mark",
            "del",
            "ins",
            "s",
            "u",
            "q",
            "cite",
            "kbd",
            "samp",
            "var",
            "code",
            "pre",
            "span",
            "div",
            "blockquote",
            "ul",
            "li",
            "dl",
            "dt",
            "dd",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "thead",
            "tbody",
            "tfoot",
            "tr",
            "caption",
            "summary",
            "fieldset",
            "legend",
            "nav",
            "aside",
            "header",
            "footer",
        )
    },
    "a": {"href", "rel", "name"},
    "abbr": set(),
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "type"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "details": {"open"},
    "time": {"datetime"},
    # Tabs (pymdownx.tabbed), task lists and the self-check use inputs and labels.
    "input": {"type", "name", "checked", "disabled"},
    "label": {"for"},
    "button": {"type", "data-hc-open-search"},
    **{tag: SVG_ATTRIBUTES for tag in SVG},
}
# The few data- attributes the theme's scripts and the self-check look for.
DATA = {"div": {"data-tabs", "data-self-check"}, "p": {"data-self-check-result", "aria-live"}}
for _tag, _names in DATA.items():
    ELEMENTS[_tag] = ELEMENTS[_tag] | _names
ALLOWED = {tag: names | EVERYWHERE for tag, names in ELEMENTS.items()}  # what each may carry
# html5ever spells SVG attributes as SVG does (viewBox); lxml lower-cases them.
NH3_ATTRIBUTES = {tag: names | {"viewBox"} for tag, names in ALLOWED.items()}
NH3_TAGS = set(ELEMENTS)
INPUT_TYPES = {"checkbox", "radio"}
URLS = {"href", "src"}
ADDRESSES = URLS | {"xlink:href", "action", "formaction", "data"}  # where javascript: can run
SCHEMES = {"http", "https", "mailto", "tel"}
# Markdown's table alignment is the only style a page may have (tables: `| :---: |`).
ALIGNMENT = re.compile(r"text-align: (left|right|center);")
# The theme's own element ids start with "__" (Material reads its settings from #__config);
# a page may use them only as the tabs extension writes them.
THEME_ID = re.compile(r"__")
MARKDOWN_ID = re.compile(r"__tabbed_\d+(_\d+)?|__span-\d+-\d+|__codelineno-\d+-\d+")

FIX_TAG = (
    "remove it. Write the content in Markdown instead: a link [text](page.md), a box "
    '!!! note "Title", a picture ![what it shows](picture.png). For a video or a map, link '
    "to it. If the page really needs this HTML, ask a developer to add it to "
    "sitecheck/rules/page/raw_html.py."
)
FIX_ATTRIBUTE = (
    "remove the attribute. Links are [text](page.md), and the look of the site comes from its "
    "stylesheet, not from the page. If the page really needs it, ask a developer."
)


def _name(node) -> str:
    return node.tag.rsplit("}", 1)[-1].lower()


def _attribute(raw_name: str) -> str:
    return "xlink:href" if raw_name.endswith("}href") else raw_name.lower()


def _problem(page, what: str, fix: str, *patterns: str) -> Finding:
    line = next((n for n in (first_line(page.raw, p) for p in patterns) if n), 0)
    return Finding(page.file, line, what, fix)


def _attribute_problem(tag: str, name: str, value: str) -> tuple[str, str] | None:
    if is_handler(name):
        return (
            f"<{tag} {name}=...> runs code in the page, which the site does not allow.",
            "remove the attribute; use a normal link [text](page.md) or ask a developer.",
        )
    if name in ADDRESSES and runs_script(value):
        return (
            f"a link uses a '{value.split(':')[0].strip().lower()}:' address, which runs "
            "code instead of opening a page.",
            "link to a page or website instead: [text](page.md) or [text](https://...).",
        )
    if name == "style" and not ALIGNMENT.fullmatch(value.strip()):
        return (
            f'style="{value.strip()}" on <{tag}> changes how the page looks, which pages may not '
            "do (it can hide text or cover the page with something else).",
            "remove the style attribute; text on a patient page must look like the rest of the "
            'site. For optional detail use a collapsible box: ??? note "More detail".',
        )
    if name not in ALLOWED[tag]:
        return (f"the HTML attribute '{name}' on <{tag}> is not allowed on a page.", FIX_ATTRIBUTE)
    if name in URLS:
        scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", value.strip())
        if scheme and scheme.group(1).lower() not in SCHEMES:
            return (
                f"the address '{value[:60]}' on <{tag}> is not a web page, an e-mail or a phone "
                "number.",
                "link to a page or website: [text](page.md) or [text](https://...).",
            )
    if name == "type" and tag == "input" and value.lower() not in INPUT_TYPES:
        return (f'<input type="{value}"> is not allowed on a page.', FIX_TAG)
    if name in {"id", "name", "for"} and THEME_ID.match(value) and not MARKDOWN_ID.fullmatch(value):
        return (
            f'{name}="{value}" on <{tag}> uses a name reserved for the theme (it starts with "__").',
            "choose another name, without the two underscores at the start.",
        )
    return None


# The theme's own markup after the page's text (overrides/main.html): the article's last element.
THEME_FOOT = '<div class="hc-page-foot" data-hc-theme="page-foot">'


# Zensical's theme (zensical/templates/base.html) opens the article with the skip link's target;
# Material's writes none (its skip link points at the first heading). Recognised only as the
# article's first element, exactly as written and empty, so a page cannot borrow it.
SKIP_TARGET = '<a id="__skip" tabindex="-1"></a>'
SKIP_ATTRIBUTES = {"id": "__skip", "tabindex": "-1"}


def theme_skip_target(content):
    """Zensical's skip-link target at the top of the article, or None (MkDocs' builds)."""
    if content is None or (content.text or "").strip():
        return None
    first = next((c for c in content if isinstance(c.tag, str)), None)
    if (
        first is None
        or _name(first) != "a"
        or dict(first.attrib) != SKIP_ATTRIBUTES
        or len(first)
        or (first.text or "").strip()
    ):
        return None
    return first


def authored_nodes(content):
    """Every element of the article except the theme's parts at its edges (Zensical's skip
    target, our foot): what the author wrote."""
    theme = [n for n in (theme_foot(content), theme_skip_target(content)) if n is not None]
    stack = [content]
    while stack:
        node = stack.pop()
        if any(node is part for part in theme):
            continue
        yield node
        stack.extend(reversed(node))


def walk_problems(page, content) -> list[Finding]:
    out = []
    for node in authored_nodes(content):
        if not isinstance(node.tag, str):  # comments are never shown or run
            continue
        tag = _name(node)
        if tag not in ELEMENTS:
            out.append(
                _problem(
                    page,
                    f"raw HTML <{tag}> is not allowed on a page: pages may not run their own "
                    "code, load other websites, send forms or change how the site looks.",
                    FIX_TAG,
                    rf"(?i)<\s*{re.escape(tag)}\b",
                )
            )
            continue
        for raw_name, value in node.attrib.items():
            name = _attribute(raw_name)
            problem = _attribute_problem(tag, name, value)
            if problem:
                pattern = rf"(?i)\b{re.escape(name)}\s*="
                written = re.escape(value.strip()[:30])  # a Markdown link has no "href="
                out.append(_problem(page, *problem, pattern, written, rf"(?i)<\s*{tag}\b"))
    return out


def _signature(html: str) -> list[tuple[str, tuple[str, ...]]]:
    # As lxml.html.fragment_fromstring reads a fragment (inside <html><body>), with the
    # engine's parser: the same libxml2 tree, without lxml.html's class for every element.
    body = parse_html(f"<html><body>{html}</body></html>").find("body")
    return [
        (_name(n), tuple(sorted(_attribute(a) for a in n.attrib)))
        for n in body.iter(lxml.etree.Element)
    ][1:]


# Built once: nh3.clean would convert these allow-lists to the sanitiser's own on every call
# (two thirds of its time on a page).
CLEANER = nh3.Cleaner(
    tags=NH3_TAGS,
    attributes=NH3_ATTRIBUTES,
    url_schemes=SCHEMES,
    link_rel=None,
    strip_comments=True,
)


def nh3_clean(html: str) -> str:
    return CLEANER.clean(html)


def authored_span(html: str) -> tuple[int, int] | None:
    """Where the page's own content is in the built page: inside <article>, before the theme's
    foot."""
    start = re.search(r"<article\b[^>]*>\s*", html)
    end = html.rfind("</article>")
    if not start or end < start.end():
        return None
    begin = start.end()
    if html.startswith(SKIP_TARGET, begin):  # Zensical's, first in the article
        begin += len(SKIP_TARGET)
    foot = html.rfind(THEME_FOOT, begin, end)  # the theme writes it last
    return begin, foot if foot >= 0 else end


def article_html(html: str) -> str | None:
    """The page's content as the builder wrote it (not re-serialised), for the second parser."""
    span = authored_span(html)
    return html[span[0] : span[1]] if span else None


def without_refused(html: str) -> str:
    """The built page with its own content cleaned by the allow-list: what the build refuses
    is gone (the preview shows such a page, with the box saying what was removed)."""
    span = authored_span(html)
    if span is None:
        return html
    return html[: span[0]] + nh3_clean(html[span[0] : span[1]]) + html[span[1] :]


def check_page(page, context) -> list[Finding]:
    if not page.is_doc or page.content is None:
        return []
    found = walk_problems(page, page.content)
    if found:
        return found
    original = article_html(page.html)
    if original is not None and _signature(nh3_clean(original)) != _signature(original):
        found.append(
            _problem(
                page,
                "the page's HTML can be read in two ways, and a browser might see code that the "
                "checks do not (often a tag or a quote left open, or a tag where it cannot be).",
                "look for raw HTML in the page and close every tag and quote, or write it in "
                "Markdown instead.",
                r"<\s*[A-Za-z!/]",  # the page's first raw HTML: where to start looking
            )
        )
    return found
