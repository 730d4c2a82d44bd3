"""The box of problems shown at the top of a page, only under `mkdocs serve`.

The serve/build decision is kept here, in a module Python imports once, because `mkdocs serve`
reloads the hook file on every rebuild but announces the command (`on_startup`) only once.
The box is written into the built files after every rule has run, so site-wide findings
(a broken link, a page missing from the menu) show on their page like the others. A page
refused for its HTML is shown without that HTML (the allow-list's cleaner, sitecheck/sanitize),
so what an editor pasted never runs in their browser; preview/policy.py guards the rest.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from sitecheck.core.finding import NOTICE, Finding
from sitecheck.rules.page.raw_html import without_refused

BOX_ID = "editorial-problems"
# Rules that refuse HTML in a page: under these the preview shows the page without it, so a
# payload pasted into a page never runs or loads anything in the editor's browser either.
REFUSED_HTML = {"raw-html", "inline-code"}
_mode = {"serve": False}

# Inline styles: the box exists only in the preview, so it needs no stylesheet in the site.
# Colours: #1a1a1a on #fff4f2 and #8a1c12 borders/heading pass WCAG AA contrast in light and dark.
STYLE = (
    "margin:0 0 1.5em;padding:.8em 1em;border:3px solid #8a1c12;border-radius:4px;"
    "background:#fff4f2;color:#1a1a1a;font-size:.8rem;line-height:1.5"
)


def set_serving(serving: bool) -> None:
    _mode["serve"] = serving


def serving() -> bool:
    return _mode["serve"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def render(findings: list[Finding]) -> str:
    # Problems first: they stop the build. Notices (an unreviewed medical sentence, an overdue
    # review) build, and ./run deploy waits for them: the editor sees which is which.
    problems = [f for f in findings if f.severity != NOTICE]
    notices = [f for f in findings if f.severity == NOTICE]
    items = "".join(
        f'<li style="margin:.4em 0"><strong>{html.escape(f.where)}</strong>: '
        f"{'Notice: ' if f.severity == NOTICE else ''}"
        f"{html.escape(f.what)}<br><strong>Fix:</strong> {html.escape(f.fix)}</li>"
        for f in problems + notices
    )
    counts = [_plural(len(problems), "editorial problem")] if problems else []
    counts += [_plural(len(notices), "notice")] if notices else []
    verdict = (
        "the build refuses to publish until it is fixed"
        if problems
        else "notices do not stop the build"
    )
    return (
        f'<section id="{BOX_ID}" role="region" aria-labelledby="{BOX_ID}-title" style="{STYLE}">'
        f'<p id="{BOX_ID}-title" style="margin:0;font-weight:700;color:#8a1c12">'
        f"{' and '.join(counts)} on this page (preview only: patients never see this box; "
        f"{verdict})</p>"
        f'<ul style="margin:.4em 0 0;padding-left:1.2em">{items}</ul></section>'
    )


def inject(page_html: str, findings: list[Finding]) -> str:
    """Put the box at the top of the page's article, or of the body if the theme has none."""
    box = render(findings)
    for anchor in (r"<article\b[^>]*>", r"<main\b[^>]*>", r"<body\b[^>]*>"):
        found = re.search(anchor, page_html)
        if found:
            return page_html[: found.end()] + box + page_html[found.end() :]
    return box + page_html


def show(site: Path, results) -> None:
    """Rewrite each built page that has problems with its box. Problems of files that are not
    pages (mkdocs.yml, the glossary snippet) show on every page: editors must not miss them.
    `results`: the engine's Results."""
    by_file = results.by_file()
    page_files = set(results.pages.values())
    everywhere = [f for file, found in by_file.items() if file not in page_files for f in found]
    for dest, file in results.pages.items():
        findings = by_file.get(file, []) + everywhere
        path = site / dest
        if findings and path.is_file():
            text = path.read_text(encoding="utf-8")
            if any(f.rule in REFUSED_HTML for f in findings):
                text = without_refused(text)
            path.write_text(inject(text, findings), encoding="utf-8")
