"""Build a project copy with Zensical (pinned in the lock), which reads mkdocs.yml and overrides/
but runs no MkDocs hook: the suite checks its output with the engine, as editors would with
`./run editorial site/`."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.checks.site import build_env

ZENSICAL = Path(sys.executable).with_name("zensical")
# What a static host may publish: pages, styles, scripts, data the pages fetch, images, and the
# licence notice Zensical ships with its scripts. Anything else (a .py, a .yml) is a leak.
PUBLISHABLE = {".html", ".css", ".js", ".json", ".xml", ".png", ".svg", ".ico", ".webmanifest"}
PUBLISHABLE_NAMES = {"LICENSE"}


@dataclass
class ZensicalBuild:
    project: Path
    site: Path
    returncode: int
    output: str


def zensical_build(project: Path) -> ZensicalBuild:
    """`zensical build` in `project` (its site_dir, site/); not strict, so faults can be planted."""
    proc = subprocess.run(
        [str(ZENSICAL), "build", "--clean", "-f", "mkdocs.yml"],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    return ZensicalBuild(project, project / "site", proc.returncode, proc.stdout + proc.stderr)


def unpublishable(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.suffix not in PUBLISHABLE and p.name not in PUBLISHABLE_NAMES
    )


def editorial(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`./run editorial SITE` (the run script execs `python -m sitecheck`)."""
    return subprocess.run(
        [sys.executable, "-m", "sitecheck", str(site)],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
