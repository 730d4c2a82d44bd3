"""Every page has the parts a page needs, and every documentation page is in the menu.

The parts include the outline of its headings: one `# ` heading, and each heading at most one
level below the one before it (`##` then `###`, never `##` then `####`). Screen-reader users move
through a page by its headings (WCAG 1.3.1), so a skipped level sounds like a missing section.
"""

from __future__ import annotations

import posixpath
import re

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import without_code
from sitecheck.core.source_lines import file_lines

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A Markdown heading line, also inside a box (indented); its text without a closing ### or {#id}.
ATX = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?(?:[ \t]*\{[^}]*\})?[ \t]*$")


def check_parts(page, context) -> list[Finding]:
    doc, where = page.doc, page.file
    out = []
    if not (doc.findtext(".//title") or "").strip():
        out.append(
            Finding(where, 0, "the page has no <title>.", "add 'title:' to the front matter.")
        )
    h1s = doc.xpath("//h1")
    if len(h1s) != 1:
        out.append(
            Finding(
                where,
                0,
                f"the page has {len(h1s)} top-level headings (# Heading); it needs exactly 1.",
                "keep one line starting with '# ' at the top; use '## ' for the sections below it.",
            )
        )
    out += heading_levels(page) + typed_headings(page)
    desc = doc.xpath('//meta[@name="description"]/@content')
    if not desc or not desc[0].strip():
        out.append(
            Finding(
                where,
                0,
                "the page has no meta description.",
                "add 'description:' (one sentence) to the front matter.",
            )
        )
    text = " ".join(page.content_text)
    if len(text.split()) < 3:
        out.append(
            Finding(
                where,
                0,
                "the page has no main content.",
                "write the page's text below its heading.",
            )
        )
    return out


def _heading_text(heading) -> str:
    parts = [heading.text or ""]
    for child in heading:
        if "headerlink" not in (child.get("class") or ""):  # the permalink's ¶
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[*_`]|\{\{.*?\}\}", " ", text).lower().split())


def heading_levels(page) -> list[Finding]:
    """A heading more than one level below the heading before it, at its line in the Markdown."""
    content = page.content
    if content is None:
        return []
    foot = page.foot
    skip = set(foot.iter()) if foot is not None else set()
    found = [h for h in content.iter(*HEADINGS) if h not in skip]
    sources = []  # (line, level, plain text) of the page's own Markdown headings
    if page.raw:
        for number, line in enumerate(without_code(page.raw).split("\n"), start=1):
            match = ATX.match(line)
            if match:
                sources.append((number, len(match.group(1)), _plain(match.group(2))))
    out, previous, searched_from = [], None, 0
    for heading in found:
        level, text = int(heading.tag[1]), _heading_text(heading)
        # Its line: the next Markdown heading of its level with its text, else of its level
        # (a heading with a {{ fact }} or a link reads differently on the page).
        same = [i for i in range(searched_from, len(sources)) if sources[i][1] == level]
        exact = [i for i in same if sources[i][2] == _plain(text)]
        line = 0
        if exact or same:
            index = (exact or same)[0]
            line, searched_from = sources[index][0], index + 1
        if previous is not None and level > previous + 1:
            above = "#" * previous
            out.append(
                Finding(
                    page.file,
                    line,
                    f"the heading '{'#' * level} {text}' skips a level: it comes after a "
                    f"'{above}' heading, so screen-reader users, who move through a page by its "
                    "headings, hear a gap and may think a section is missing.",
                    f"start it with '{above}#' (one '#' more than the '{above}' heading above "
                    "it): headings go down one level at a time.",
                )
            )
        previous = level
    return out


# A line made a heading the Word way: bold capitals on its own ("**WHAT TO BRING**").
TYPED_HEADING = re.compile(r"^[ \t]*(\*\*|__)([A-Z][A-Z0-9 ,'&/-]{2,60}[A-Z0-9])\1[ \t]*:?[ \t]*$")


def typed_headings(page) -> list[Finding]:
    out = []
    for number, line in enumerate(without_code(page.raw or "").split("\n"), start=1):
        match = TYPED_HEADING.match(line)
        if match and " " in match.group(2):
            words = match.group(2).capitalize()
            out.append(
                Finding(
                    page.file,
                    number,
                    f"the line “{match.group(2)}” is made to look like a heading (bold "
                    "capitals) but is not one: screen-reader users, who move through a page by "
                    "its headings, cannot find it, and it is missing from the page's contents.",
                    f"write it as a heading in ordinary letters: '## {words}' (or '### …' "
                    "under a '##' heading).",
                )
            )
    return out


def menu_links(doc, links) -> set[str]:
    """The built pages one page's main menu links to. `links`: the page's addresses, already
    resolved by the links rule (links.resolve), so each menu address is worked out once."""
    menu = {
        a.get("href").strip()
        for nav in doc.iter("nav")
        if "md-nav--primary" in (nav.get("class") or "")
        for a in nav.iter("a")
        if a.get("href") is not None
    }
    linked = set()
    for link in links:
        if link.kind == "local" and link.raw in menu:
            path = link.path
            if not path or path.endswith("/") or not posixpath.splitext(path)[1]:
                path = posixpath.join(path, "index.html")
            linked.add(path)
    return linked


def menu_targets(pages) -> set[str]:
    """Built pages some page's main menu links to (a union, so navigation.prune is fine)."""
    return set().union(*(page.menu_links for page in pages.values()))


def check_menu(pages, context) -> list[Finding]:
    out = []
    for dest, source in sorted(context.sources.items(), key=lambda item: item[1]):
        if dest not in pages:
            out.append(
                Finding(
                    source,
                    0,
                    f"no HTML page was built (expected {dest}).",
                    "check the build output above for an error about this file.",
                )
            )
    linked = menu_targets(pages)
    config_lines = file_lines(context.project / "mkdocs.yml") if context.project else ()
    for dest, page in sorted(pages.items()):
        if page.is_doc and dest not in linked:
            name = page.file[5:]
            hidden = next(
                (
                    number
                    for number, line in enumerate(config_lines, start=1)
                    if re.match(rf"^\s*#.*:\s*['\"]?{re.escape(name)}['\"]?\s*$", line)
                ),
                0,
            )
            if hidden:  # the menu entry is there, commented out
                out.append(
                    Finding(
                        "mkdocs.yml",
                        hidden,
                        f"the menu entry for {name} is commented out ('#'), so the page is "
                        "published but patients cannot find it in the menu.",
                        "remove the '#' (keep the spaces before the '-'); to take a page off "
                        "the site, delete its file and add a redirect in redirects.yml.",
                    )
                )
                continue
            out.append(
                Finding(
                    page.file,
                    1,
                    "this page is not in the site's menu, so patients cannot find it.",
                    f"add it under 'nav:' in mkdocs.yml, e.g. '- Page title: {name}'.",
                )
            )
    return out
