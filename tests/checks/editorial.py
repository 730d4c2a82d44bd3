"""Run the engine's source rules over a project's docs/ folder, as `./run editorial` does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitecheck.core.finding import Finding
from sitecheck.drivers.cli import check_sources, load_config
from sitecheck.engine import Engine
from sitecheck.outputs.report import allowed_report
from sitecheck.rules.claims.check import Allowed
from tests.checks.problems import at


def source_engine(project: Path, today: dt.date | None = None) -> Engine:
    engine = Engine(project, load_config(project), today=today)
    check_sources(engine, project)
    return engine


def editorial_problems(project: Path, today: dt.date | None = None) -> list[Finding]:
    return [at(f.where, f.what, f.fix) for f in source_engine(project, today).errors()]


def allowed_claims(project: Path) -> list[Allowed]:
    return source_engine(project).allowed


__all__ = ["allowed_claims", "allowed_report", "editorial_problems"]
