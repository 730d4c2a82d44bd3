"""Two fixes to each built page's HTML.

Editors' notes (`<!-- … -->`, the claim-ok markers included) are for the team: they are
removed from what patients receive, after the checks have read them (a keyword list hidden in a
note is a search trick; a patient's details in one are refused by the personal-data rule).

Material's invalid `autocomplete` is removed from its two hidden toggle checkboxes.

Material 9.8.1 writes `<input type="checkbox" ... autocomplete="off">` for the drawer and
search toggles directly in base.html, outside any template block, so the theme cannot change
them without copying all of base.html. HTML allows `autocomplete` only on text-like inputs, so
the Nu checker reports two errors per page. Firefox restores such checkboxes on "back" without
it, which Material's JavaScript resets anyway.
"""

from __future__ import annotations

import re

TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
    r'id="__(?:drawer|search)") autocomplete="off">'
)


def fix(output: str) -> str:
    return TOGGLE.sub(r"\1>", output)


# Read left to right, a tag (its quoted attributes may hold "<!--") and a script or style body
# (hashed for the CSP) are kept whole; only a note outside them is removed.
NOTE_OR_CODE = re.compile(
    r"(<(script|style)\b.*?</\2\s*>|<[A-Za-z][^\"'>]*(?:(?:\"[^\"]*\"|'[^']*')[^\"'>]*)*>)"
    r"|<!--.*?-->",
    re.DOTALL | re.IGNORECASE,
)


def without_notes(output: str) -> str:
    return NOTE_OR_CODE.sub(lambda m: m.group(1) or "", output)
