"""A page made by copying another keeps that page's settings: its title and description (so
search results and the browser tab show the other page), or the home page's layout.

- the front matter's title must share a word with the page's '# ' heading;
- only the home page (docs/index.md) uses the home page's layout (template: home.html);
- no two pages have the same title (a site rule).
"""

from __future__ import annotations

import re

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import front_matter_end

SMALL = {
    "a", "an", "and", "or", "of", "the", "to", "in", "on", "for", "with", "your", "you", "we",
    "our", "it", "is", "are", "how", "what", "who",
}  # fmt: skip
HOME_ONLY = {"home.html"}
HOME = "docs/index.md"


def _field(lines: list[str], end: int, name: str) -> tuple[str, int]:
    for number, line in enumerate(lines[1:end], start=2):
        found = re.match(rf"^{name}\s*:\s*(.*)$", line)
        if found:
            return found.group(1).strip().strip("'\""), number
    return "", 0


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in SMALL and len(w) > 2}


def check_source(raw: str, file: str) -> list[Finding]:
    lines = raw.split("\n")
    end = front_matter_end(lines)
    if not end:
        return []
    out = []
    template, line = _field(lines, end, "template")
    if template in HOME_ONLY and file != HOME:
        out.append(
            Finding(
                file,
                line,
                f"the page uses the home page's layout ('template: {template}'), copied with the "
                "home page's front matter: it shows the home page's big banner and buttons.",
                "delete the line 'template: …' from the front matter.",
            )
        )
    title, title_line = _field(lines, end, "title")
    heading = next((s[2:].strip() for s in lines[end + 1 :] if s.startswith("# ")), "")
    heading = re.sub(r"\{\{.*?\}\}|\{[^}]*\}\s*$", "", heading).strip()
    if title and heading and _words(title) and _words(heading):  # noqa: SIM102
        if not _words(title) & _words(heading):
            out.append(
                Finding(
                    file,
                    title_line,
                    f"the title “{title}” (shown in search results and the browser tab) does not "
                    f"match the page's heading “{heading}”: was it copied from another page?",
                    "write a title that names this page, like its '# ' heading, and check the "
                    "description below it too.",
                )
            )
    return out


def check_site(pages, context) -> list[Finding]:
    """Two pages with the same title: the newer one kept a copy's settings."""
    out = []
    for name in ("title",):  # descriptions: test pages and short notes may share one
        seen: dict[str, str] = {}
        for page in sorted(pages.values(), key=lambda p: p.file):
            if not page.is_doc:
                continue
            lines = page.raw.split("\n")
            value, _ = _field(lines, front_matter_end(lines), name)
            key = " ".join(value.lower().split())
            if not key:
                continue
            if key in seen:
                first, second = _older_first(seen[key], page.file, pages, context)
                target = page if page.file == second else pages_by_file(pages, second)
                tlines = target.raw.split("\n")
                _, tline = _field(tlines, front_matter_end(tlines), name)
                out.append(
                    Finding(
                        second,
                        tline,
                        f"this page has the same {name} as {first}: “{value}”. Search results "
                        "and the browser tab cannot tell the two pages apart.",
                        f"write a {name} that says what this page is about.",
                    )
                )
            else:
                seen[key] = page.file
    return out


def _older_first(one: str, two: str, pages, context) -> tuple[str, str]:
    """The page that was there first, then its copy: a page whose address the site has
    published (published-addresses.txt) is older than one whose address is new."""
    project = getattr(context, "project", None)
    published: set[str] = set()
    if project is not None:
        try:
            text = (project / "published-addresses.txt").read_text(encoding="utf-8")
            published = {s.strip() for s in text.splitlines()}
        except OSError:
            pass

    def address(file: str) -> str:
        dest = pages_by_file(pages, file).dest
        return "/" if dest == "index.html" else dest.removesuffix("index.html")

    if address(one) in published and address(two) not in published:
        return one, two
    if address(two) in published and address(one) not in published:
        return two, one
    return tuple(sorted([one, two]))  # type: ignore[return-value]


def pages_by_file(pages, file: str):
    return next(p for p in pages.values() if p.file == file)
