"""Classes and ids an author gives to the page's content come from an allow-list.

attr_list (`{ .md-dialog .md-dialog--active }`, `{ #cost }`) and raw HTML let a page put any
class or id on its content: Material's layout classes draw a fixed overlay or a fake header over
the page, and an id that the page already has (a heading's anchor, the theme's search box) takes
over every link to it. So on each built page's content: every class is one the site's own
Markdown extensions, stylesheet or macros write (ALLOWED, or a prefix in PREFIXES), never
Material's layout classes; and no id is given twice in the whole page.
"""

from __future__ import annotations

import re
from collections import Counter

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import first_line

# What the site's Markdown extensions write (admonition, details, tabbed, footnotes, tasklist,
# toc, superfences/highlight), its stylesheet's own classes (overrides/assets/stylesheets/) and
# the button classes of Material that pages may use for a call to action.
ALLOWED = {
    # admonition and details: the box and its kinds
    "admonition", "admonition-title", "note", "abstract", "summary", "tldr", "info", "todo",
    "tip", "hint", "important", "success", "check", "done", "question", "help", "faq",
    "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error", "bug",
    "example", "quote", "cite", "inline", "end",
    # the site's own admonition kinds and boxes (theme.css)
    "emergency", "soon", "urgent", "timeline", "self-check", "self-check__list",
    "self-check__questions", "self-check__result",
    # tabbed, footnotes, task lists, toc, code
    "tabbed-set", "tabbed-alternate", "tabbed-labels", "tabbed-content", "tabbed-block",
    "tabbed-control", "tabbed-button", "footnote", "footnote-ref", "footnote-backref",
    "task-list", "task-list-item", "task-list-control", "task-list-indicator", "headerlink",
    "toclink", "highlight", "highlighttable", "linenos", "linenodiv", "filename", "hll",
    # Material: buttons for a call to action, and the theme's own parts of the content
    "md-button", "md-button--primary", "md-content__button", "md-icon", "twemoji",
}  # fmt: skip
PREFIXES = ("hc-", "language-")
# Inside code, the highlighter's one- to three-letter token classes (k, s2, nf …).
CODE = {"code", "pre"}
TOKEN = re.compile(r"[a-z]{1,3}\d?")


def _inside_code(element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if isinstance(parent.tag, str) and parent.tag in CODE:
            return True
        parent = parent.getparent()
    return False


def heading_text(heading) -> str:
    """The heading's words, without the permalink (¶) toc adds."""
    parts = [heading.text or ""]
    for child in heading:
        if "headerlink" not in (child.get("class") or ""):
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def allowed(name: str) -> bool:
    return name in ALLOWED or name.startswith(PREFIXES)


def check_page(page, context) -> list[Finding]:
    if not page.is_doc or page.content is None:
        return []
    out: list[Finding] = []
    foot = set(page.foot.iter()) if page.foot is not None else set()
    for element in page.content.iterdescendants():
        if not isinstance(element.tag, str) or element in foot:
            continue
        for name in (element.get("class") or "").split():
            if allowed(name) or (TOKEN.fullmatch(name) and _inside_code(element)):
                continue
            line = first_line(page.raw, re.escape(name))
            out.append(
                Finding(
                    page.file,
                    line,
                    f"the class '{name}' is not one of the site's own: Material's layout classes "
                    "(md-…) and unknown ones can draw an overlay, a fake header or hide text.",
                    'remove it ({ .class } after the text, or class="…"); for a button use '
                    "{ .md-button }, for a box an admonition such as !!! note.",
                )
            )
    ids = Counter(
        e.get("id") for e in page.doc.iter() if isinstance(e.tag, str) and e.get("id") is not None
    )
    # Markdown's toc renames a heading whose anchor an author's id already took ("cost" becomes
    # "cost_1"): the author's element then answers every link to the heading.
    headings = [e for e in page.content.iter("h1", "h2", "h3", "h4", "h5", "h6") if e.get("id")]
    others = {
        e.get("id")
        for e in page.content.iterdescendants()
        if isinstance(e.tag, str) and e.get("id") and e not in headings
    }
    for heading in headings:
        base = re.fullmatch(r"(.+)_\d+", heading.get("id"))
        if base and base.group(1) in others:
            name = base.group(1)
            out.append(
                Finding(
                    page.file,
                    first_line(
                        page.raw, r"#" + re.escape(name) + r"\b|id=[\"']?" + re.escape(name)
                    ),
                    f"the id '{name}' takes the anchor of the heading "
                    f"'{heading_text(heading)}': links to #{name} would go here "
                    "instead of to the heading.",
                    'remove the { #id } or id="…" you added, or give it a name no heading has.',
                )
            )
    for name, count in sorted(ids.items()):
        if count > 1:
            out.append(
                Finding(
                    page.file,
                    first_line(
                        page.raw, r"#" + re.escape(name) + r"\b|id=[\"']?" + re.escape(name)
                    ),
                    f"the id '{name}' is given {count} times on the page: a link to "
                    f"#{name} (a heading's anchor or the theme's own part) would go to the wrong "
                    "place.",
                    'remove the { #id } or id="…" you added; headings get their anchor '
                    "by themselves.",
                )
            )
    return out
