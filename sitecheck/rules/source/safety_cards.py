"""Each urgency card keeps its call. A box that includes a reviewed urgency snippet
(docs/snippets/urgency-*.md) lists signs that need a call: the emergency card's snippet needs
the emergency number dialled in the card, the same-day and soon cards' snippets the clinic's
phone.

A card that swaps its phone link for an e-mail address, a form or "we answer within 2 days"
sends a fever or a painful swollen leg into an inbox. The card's lines are read in the page's
Markdown, with the snippets it includes, and the fault is named at the card's first line.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitecheck.core.finding import Finding

SNIPPET_DIR = Path("docs/snippets")
# snippet -> (what the card must dial, its name, how to write it)
NEEDS = {
    "urgency-emergency.md": (
        r"tel:\{\{\s*emergency_number\s*\}\}",
        "the emergency number",
        "Call [**{{ emergency_number }}**](tel:{{ emergency_number }}).",
    ),
    "urgency-urgent.md": (
        r"tel:\{\{\s*clinic\.phone_link\s*\}\}",
        "the clinic's phone",
        "Call us on [{{ clinic.phone }}](tel:{{ clinic.phone_link }}).",
    ),
    "urgency-soon.md": (
        r"tel:\{\{\s*clinic\.phone_link\s*\}\}",
        "the clinic's phone",
        "Call us on [{{ clinic.phone }}](tel:{{ clinic.phone_link }}).",
    ),
}
BOX = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+")
INCLUDE = re.compile(r"""--8<--\s*["']([^"']+)["']""")


def cards(raw: str):
    """(first line, lines) of each box in the Markdown: its line and the indented lines under it."""
    lines = raw.split("\n")
    index = 0
    while index < len(lines):
        found = BOX.match(lines[index])
        if not found:
            index += 1
            continue
        indent = len(found.group("indent").expandtabs(4))
        body = [lines[index]]
        end = index + 1
        while end < len(lines):
            line = lines[end]
            if line.strip() and len(line) - len(line.lstrip()) <= indent:
                break
            body.append(line)
            end += 1
        yield index + 1, body
        index += 1  # boxes inside boxes are cards of their own


def check_source(raw: str, file: str, project: Path | None = None) -> list[Finding]:
    out = []
    for first, body in cards(raw):
        text = "\n".join(body)
        included = [Path(name).name for name in INCLUDE.findall(text)]
        whole = text
        if project is not None:
            for name in included:
                path = project / SNIPPET_DIR / name
                if path.is_file():
                    whole += "\n" + path.read_text(encoding="utf-8", errors="replace")
        for name in included:
            if name not in NEEDS:
                continue
            pattern, who, write = NEEDS[name]
            if re.search(pattern, whole):
                continue
            out.append(
                Finding(
                    file,
                    first,
                    f"this card includes the reviewed signs of {name} but no longer tells "
                    f"patients to call {who}: those signs need a call, not an e-mail, a form "
                    "or a wait.",
                    f"put the call back in the card, under the snippet line: '{write}'.",
                )
            )
    return out
