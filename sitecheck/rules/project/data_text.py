"""The data files that pages are built from hold plain text, checked in the file itself.

docs/snippets/sources.yml (the sources page) and macros/diagrams/*.yml (the captions and text
descriptions under the drawings) are written into pages by macros, as Markdown. HTML or a
Markdown link typed there would reach patients on every page that shows it, and the page checks
would name the page, not the file the change was made in. So each text value is checked here,
with its own file and line: words, numbers and punctuation; the one address a source has goes
in its `link:` field, which must be https://.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitecheck.core.finding import Finding
from sitecheck.rules.facts.clinic_facts import node_lines

RULE = "data-files"
# HTML (a tag, a comment, an entity), a Markdown link or image, a reference definition, an
# address that runs code, template tags other than {{ clinic… }} facts.
MARKUP = re.compile(
    r"<[A-Za-z/!?]|&#?\w+;|\]\s*[\(\[]|^\s*\[[^\]]+\]:|(?:javascript|vbscript|data):|\{%|\{#",
    re.IGNORECASE,
)
ADDRESS_FIELDS = {"link"}


def files(project: Path) -> list[Path]:
    return [
        *sorted((project / "macros" / "diagrams").glob("*.yml")),
        *[p for p in [project / "docs" / "snippets" / "sources.yml"] if p.is_file()],
    ]


def check(project: Path) -> list[Finding]:
    out = []
    for path in files(project):
        rel = path.relative_to(project).as_posix()
        try:
            lines = node_lines(path.read_text(encoding="utf-8"))
        except Exception:
            continue
        for key_path, (line, raw) in sorted(lines.items(), key=lambda item: item[1][0]):
            if not isinstance(raw, str):
                continue
            field = next((str(p) for p in reversed(key_path) if isinstance(p, str)), "")
            if field in ADDRESS_FIELDS:
                if not re.fullmatch(r"https://[^\s<>\"'`]+", raw.strip()):
                    out.append(
                        Finding(
                            rel,
                            line,
                            f"the {field} '{raw[:80]}' is not an https:// address.",
                            "copy the source's address from the browser, starting with https://.",
                            rule=RULE,
                        )
                    )
                continue
            if bad := MARKUP.search(raw):
                out.append(
                    Finding(
                        rel,
                        line,
                        f"'{field}' holds '{bad.group(0)}', HTML or a link that every page "
                        "showing this text would put in front of patients (this file is "
                        "written into pages as it is).",
                        "write plain words here; a link to a source goes in its link: field, "
                        "and links in pages are written in the page's Markdown.",
                        rule=RULE,
                    )
                )
    return out
