"""The build date, for templates: `config.extra.build_date` ("2026-12-01").

The trust box under each page (overrides/partials/trust.html) compares it with the page's
`next_review` and shows "This page is due for review" once that date has passed, as GOV.UK
does. Set `extra: build_date:` in mkdocs.yml only to preview a page as on another day.
"""

from __future__ import annotations

import datetime as dt


def register(env):
    extra = env.conf["extra"]
    if not extra.get("build_date"):
        extra["build_date"] = dt.date.today().isoformat()
    env.variables["build_date"] = str(extra["build_date"])
