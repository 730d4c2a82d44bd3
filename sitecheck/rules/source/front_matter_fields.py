"""Front matter holds only the fields the site's templates know, as plain text.

The theme prints front-matter fields into the page unescaped (the menu's `subtitle`, the home
page's `hero_question`, the trust box's `reviewed_by`, the cards' `description`), MkDocs-macros
reads a field named like a fact (`clinic:`) as the page's own value of that fact, and Material
reads others as settings (`template`, `hide`, `icon`, `status`). So a field is on this list or
refused, its value is one line of plain text (no < > " & or backslash: here for the fields
front_matter.py does not check), and `template` names only the page templates the site has.
"""

from __future__ import annotations

from sitecheck.core.finding import Finding
from sitecheck.rules.source.front_matter import UNSAFE_TEXT

FIELDS = {
    "title", "description", "reviewed", "next_review", "reviewed_by",
    "procedure", "procedure_status",  # schema.org data on treatment pages (social-meta.html)
    "template", "hero_question", "hero_answer",  # the home page (overrides/home.html)
    "search",  # Material's search: `boost` (a number) or `exclude` (true), nothing else
}  # fmt: skip
SEARCH = {"boost": (int, float), "exclude": (bool,)}
TEMPLATES = {"home.html"}
# Printed by the theme but not checked by front_matter.py (which checks title, description and
# reviewed_by on each page as it is built, and names them there).
PRINTED_ELSEWHERE = {"hero_question", "hero_answer", "procedure", "procedure_status"}


def check(data: dict | None, lines: dict[str, int], file: str) -> list[Finding]:
    out = []
    for field, value in (data or {}).items():
        line = lines.get(field, 2)
        if field not in FIELDS:
            out.append(
                Finding(
                    file,
                    line,
                    f"the front matter has the field '{field}', which the site does not use; "
                    "the theme or the templates would read it as a setting or a fact of this "
                    "page (a clinic fact can only be changed in clinic.yml).",
                    f"delete the line '{field}: …' (the fields a page may have: "
                    f"{', '.join(sorted(FIELDS))}).",
                )
            )
        elif field == "template" and value not in TEMPLATES:
            out.append(
                Finding(
                    file,
                    line,
                    f"'template: {value}' is not one of the site's page templates.",
                    f"write 'template: {sorted(TEMPLATES)[0]}' (the home page only) or delete it.",
                )
            )
        elif field == "search":
            ok = isinstance(value, dict) and all(
                k in SEARCH and isinstance(v, SEARCH[k]) and not (k == "boost" and v is True)
                for k, v in value.items()
            )
            if not ok:
                out.append(
                    Finding(
                        file,
                        line,
                        "'search' may hold only 'boost: <number>' or 'exclude: true'.",
                        "write e.g. 'search:' and on the next line '  boost: 0.5'.",
                    )
                )
        elif isinstance(value, (dict, list, tuple, set)):
            out.append(
                Finding(
                    file,
                    line,
                    f"'{field}' holds a group or a list; front-matter fields are one line of text.",
                    f"write '{field}:' followed by plain words on the same line.",
                )
            )
        elif isinstance(value, str) and field in PRINTED_ELSEWHERE and UNSAFE_TEXT.search(value):
            # title, description and reviewed_by: front_matter.py says it, page by page
            out.append(
                Finding(
                    file,
                    line,
                    f"'{field}' contains code or markup characters (< > \" & or \\); the "
                    "theme prints it into the page as it is.",
                    "write it in plain words; use 'and' for &, single quotes (') for a quotation.",
                )
            )
    return out
