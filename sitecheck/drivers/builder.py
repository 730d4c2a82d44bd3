"""Which MkDocs 1.x program `./run build`, `./run deploy` and `./run preview` run.

`mkdocs` (MkDocs 1.6.1, unmaintained since August 2024; its 2.0 drops plugins and hooks) or
`properdocs` (ProperDocs, MkDocs 1.x continued by its original maintainers). Both are in the
lock and read the same mkdocs.yml with the same hook, so switching is one setting:
SITE_BUILDER=properdocs for one command, or the default in `run` for everyone.
"""

from __future__ import annotations

import os

VARIABLE = "SITE_BUILDER"
BUILDERS = ("mkdocs", "properdocs")


def builder() -> str:
    name = os.environ.get(VARIABLE) or "mkdocs"
    if name not in BUILDERS:
        raise SystemExit(
            f"error: {VARIABLE}={name} is not a builder. Fix: set it to one of "
            f"{', '.join(BUILDERS)} (in the `run` script, or before the command)."
        )
    return name
