"""`./run deploy` refuses a placeholder wherever it is: in the clinic's facts (deploy_gate.py)
and typed into a page, a snippet, the sources or the glossary.

Previews and `./run build` let "TO BE CONFIRMED BY THE CLINIC" through while the clinic's answer
is awaited; publishing does not.
"""

from __future__ import annotations

import re
from pathlib import Path

PLACEHOLDER = re.compile(r"TO BE CONFIRMED BY THE CLINIC|\bTO BE CONFIRMED\b", re.IGNORECASE)
SUFFIXES = (".md", ".yml", ".yaml", ".html", ".txt")


def placeholders_in_docs(project: Path) -> list[str]:
    """One message per line of docs/ that holds a placeholder, as `file:line: … Fix: …`."""
    docs = project / "docs"
    out = []
    for path in sorted(docs.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SUFFIXES:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if not PLACEHOLDER.search(text):
            continue
        name = path.relative_to(project).as_posix()
        for number, line in enumerate(text.splitlines(), start=1):
            if PLACEHOLDER.search(line):
                shown = " ".join(line.split())[:80]
                out.append(
                    f"{name}:{number}: a placeholder is typed into the page: “{shown}”. "
                    "Fix: write the clinic's real answer in its place (a clinic fact belongs "
                    "in the clinic's facts, and the page shows it with {{ clinic.name_of_fact }})."
                )
    return out
