"""Glossary terms are defined once in docs/snippets/glossary.md, show as tooltips on every page
that uses them, and are all listed on the glossary page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import first_line
from sitecheck.core.page_tree import text_of

SNIPPET = "docs/snippets/glossary.md"
GLOSSARY_PAGE = "docs/glossary.md"
DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]*)\]:(?P<text>.*)$")
# Text the abbreviation extension never sees, so a term there cannot get its tooltip anyway.
TIPS = frozenset({"svg", "abbr"})  # a word already in a tooltip, or in a diagram, needs none


@dataclass(frozen=True)
class Term:
    term: str
    text: str
    line: int


def read_terms(project: Path) -> tuple[list[Term], list[Finding]]:
    """Every definition in the snippet, and what is wrong with any of them."""
    path = project / SNIPPET
    return parse_terms(path.read_text(encoding="utf-8") if path.is_file() else "")


def parse_terms(text: str) -> tuple[list[Term], list[Finding]]:
    """The one reader of the glossary snippet (the glossary macro uses it too)."""
    terms, problems, seen = [], [], {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = DEFINITION.match(line)
        if not found or not found["term"].strip():
            problems.append(
                Finding(
                    SNIPPET,
                    number,
                    f"this line is not a glossary definition: “{line.strip()}”",
                    "write each word on its own line as '*[word]: a short, plain explanation', "
                    "starting at the very start of the line",
                )
            )
            continue
        term, text = found["term"].strip(), found["text"].strip()
        if not text:
            problems.append(
                Finding(
                    SNIPPET,
                    number,
                    f"'{term}' has an empty definition, so it shows no tooltip",
                    f"write a short, plain explanation after the colon: '*[{term}]: ...'",
                )
            )
        if term in seen:
            problems.append(
                Finding(
                    SNIPPET,
                    number,
                    f"'{term}' is defined twice (first on line {seen[term]}); "
                    "only the last definition is shown",
                    "keep one definition and delete the other",
                )
            )
        else:
            seen[term] = number
        terms.append(Term(term, text, number))
    return terms, problems


def definitions(terms: list[Term]) -> dict[str, str]:
    return {t.term: t.text for t in terms if t.text}


def term_pattern(terms: dict[str, str]) -> re.Pattern:
    # Like the abbreviation extension: case-sensitive, whole words, longest term first.
    names = sorted(terms, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def check_page(page, context) -> list[Finding]:
    """Each glossary word in the page's text shows its tooltip, with the glossary's words."""
    defined = definitions(context.glossary_terms)
    article = page.content
    if not defined or not page.is_doc or article is None:
        return []  # theme pages (404) have no Markdown, so no tooltips
    pattern = term_pattern(defined)
    problems = []
    bare = {m.group(0) for text in page.text.outside_tips for m in pattern.finditer(text)}
    for term in sorted(bare):
        line = first_line(page.raw, rf"\b{re.escape(term)}\b")
        if not line:
            continue  # not typed in the page: a clinic fact's words, shown by a template
        problems.append(
            Finding(
                page.file,
                line,
                f"'{term}' appears without its glossary tooltip.",
                "tooltips work in Markdown text only: if the word is inside HTML, add the "
                "'markdown' attribute to the HTML element (e.g. <div markdown>).",
            )
        )
    for abbr in article.iter("abbr"):
        term, title = abbr.text or "", abbr.get("title", "")
        if term in defined and title != defined[term]:
            problems.append(
                Finding(
                    page.file,
                    first_line(
                        page.raw, rf"<abbr[^>]*>\s*{re.escape(term)}|^\*\[{re.escape(term)}\]"
                    ),
                    f"'{term}' shows a different explanation from the glossary: “{title}”.",
                    f"delete the page's own explanation of '{term}'; change the definition "
                    f"in {SNIPPET} instead, so every page says the same.",
                )
            )
    return sorted(set(problems))


def check_site(pages, context) -> list[Finding]:
    """The snippet's own mistakes, and the glossary page lists every word as defined."""
    terms, problems = read_terms(context.project)
    page = next((p for p in pages.values() if p.file == GLOSSARY_PAGE), None)
    if page is None:
        return [
            *problems,
            Finding(GLOSSARY_PAGE, 0, "the glossary page was not built.", "restore it."),
        ]
    shown = {}
    for dt in page.content.iter("dt"):
        dd = next(dt.itersiblings("dd"), None)
        if dd is not None:
            shown[" ".join(text_of(dt).split())] = " ".join(text_of(dd).split())
    for term, text in definitions(terms).items():
        if term not in shown:
            problems.append(
                Finding(
                    GLOSSARY_PAGE,
                    0,
                    f"'{term}' from {SNIPPET} is not shown on the glossary page.",
                    "keep '{{ glossary() }}' in docs/glossary.md: it lists every word from the "
                    "snippet, so definitions are written only once.",
                )
            )
        elif shown[term] != text:
            problems.append(
                Finding(
                    GLOSSARY_PAGE,
                    0,
                    f"the glossary page explains '{term}' differently from {SNIPPET}.",
                    "keep '{{ glossary() }}' in docs/glossary.md instead of writing definitions "
                    "by hand.",
                )
            )
    return problems
