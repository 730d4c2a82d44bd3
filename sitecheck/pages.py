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


def menu_links(doc, dest: str) -> set[str]:
    """The built pages one page's main menu links to."""
    linked = set()
    folder = posixpath.dirname(dest)
    for href in doc.xpath('//nav[contains(@class,"md-nav--primary")]//a/@href'):
        path = href.split("#")[0]
        target = posixpath.normpath(posixpath.join(folder, path or "."))
        if not path or path.endswith("/") or not posixpath.splitext(target)[1]:
            target = posixpath.join(target, "index.html")
        if not target.startswith("../"):
            linked.add(posixpath.normpath(target))
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
