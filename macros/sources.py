"""The sources page, built from docs/snippets/sources.yml: {{ sources_list() }}.

Each source is written once, as data (authors, year, title, link, grade, what it found). This
macro lists them under their group headings and, under each, the pages that cite it ("Cited
on: Cost, Results timeline"), found at build time from the `sources.md#anchor` links in docs/.
A citation of a source the file does not have stops the build, naming the page and the line.
"""

from __future__ import annotations

from pathlib import Path

from sitecheck.rules.source.citations import SourcesError, citations, load_sources, page_title


def nav_titles(nav) -> dict[str, str]:
    """{'cost.md': 'Cost', ...} from mkdocs.yml's nav: (nested sections included)."""
    titles = {}
    for item in nav or []:
        if isinstance(item, dict) and "children" in item and "title" in item:
            # Zensical hands macros its normalised nav: {title, url, children, ...} per entry.
            if item.get("url"):
                titles[item["url"]] = item["title"]
            titles.update(nav_titles(item["children"]))
        elif isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    titles[target] = title
                else:
                    titles.update(nav_titles(target))
    return titles


def citing_pages(docs: Path, nav: dict[str, str]) -> dict[str, list[str]]:
    """{anchor: ['[Cost](cost.md)', ...]} in menu order."""
    order = list(nav)
    pages = [p for p in docs.rglob("*.md") if "snippets" not in p.relative_to(docs).parts]
    pages.sort(
        key=lambda p: (
            order.index(rel) if (rel := p.relative_to(docs).as_posix()) in order else len(order),
            rel,
        )
    )
    cited: dict[str, list[str]] = {}
    for path in pages:
        rel = path.relative_to(docs).as_posix()
        if rel == "sources.md":
            continue
        raw = path.read_text(encoding="utf-8")
        link = f"[{nav.get(rel) or page_title(raw, rel)}]({rel})"
        for _, _, anchor in citations(raw):
            if link not in cited.setdefault(anchor, []):
                cited[anchor].append(link)
    return cited  # an unknown citation is the check engine's finding (sitecheck/rules/source/citations.py)


def entry(number: int, source, cited: list[str]) -> str:
    title = source.title if source.title[-1] in ".?!" else f"{source.title}."
    lines = [
        f"{number}. {source.authors}, {source.year}. *{title}* {source.publisher}. "
        f"Grade {source.grade}. [Read it online]({source.link}). "
        f"What it found: {source.finding}",
        f"    {{: #{source.anchor} }}",
        "",
        f"    Cited on: {', '.join(cited)}." if cited else "    Not cited on any page yet.",
    ]
    return "\n".join(lines)


def sources_markdown(docs: Path, nav) -> str:
    try:
        sources = load_sources((docs / "snippets" / "sources.yml").read_text(encoding="utf-8"))
    except SourcesError:  # the check engine names each line of the sources file
        return "The list of sources could not be shown: see the build's messages."
    cited = citing_pages(docs, nav_titles(nav))
    groups: dict[str, list] = {}  # in the order each group first appears in the file
    for source in sources:
        groups.setdefault(source.group, []).append(source)
    out, number = [], 0
    for group, members in groups.items():
        out += [f"## {group}", ""]
        for source in members:
            number += 1
            out += [entry(number, source, cited.get(source.anchor, [])), ""]
    return "\n".join(out)


def register(env):
    docs = Path(env.conf["docs_dir"])

    @env.macro
    def sources_list() -> str:
        """Every source in docs/snippets/sources.yml, grouped, with the pages that cite it."""
        return sources_markdown(docs, env.conf.get("nav"))
