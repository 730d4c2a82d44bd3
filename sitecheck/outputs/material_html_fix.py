"""Remove Material's invalid `autocomplete` from its two hidden toggle checkboxes.

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
