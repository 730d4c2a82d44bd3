"""Run the editorial checks (the same code as the build hook) over a project's docs/ folder.

Zensical ignores MkDocs hooks, so the suite runs the checks itself and does not rely on a build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitecheck.claims import Allowed
from sitecheck.page_checks import allowed_report, check_docs
from tests.checks.problems import Problem


def editorial_problems(project: Path, today: dt.date | None = None) -> list[Problem]:
    return [Problem(f.where, f.what, f.fix) for f in check_docs(project, today).findings]


def allowed_claims(project: Path) -> list[Allowed]:
    return check_docs(project).allowed


__all__ = ["allowed_claims", "allowed_report", "editorial_problems"]
