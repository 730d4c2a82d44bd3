"""Every page has the parts a page needs, and every documentation page is in the menu."""

from __future__ import annotations

import posixpath

from .finding import Finding


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
    for dest, page in sorted(pages.items()):
        if page.is_doc and dest not in linked:
            out.append(
                Finding(
                    page.file,
                    0,
                    "this page is not in the site's menu, so patients cannot find it.",
                    f"add it under 'nav:' in mkdocs.yml, e.g. '- Page title: {page.file[5:]}'.",
                )
            )
    return out
