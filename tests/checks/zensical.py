"""Build a project copy with Zensical (pinned in the lock), which reads mkdocs.yml and overrides/
but runs no MkDocs hook: the suite checks its output with the engine, as editors would with
`./run editorial site/`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from devtools.site import Build, run_in
from sitecheck.drivers.zensical import zensical_config

ZENSICAL = Path(sys.executable).with_name("zensical")
# What a static host may publish: pages, styles, scripts (and Material's source maps of them),
# data the pages fetch, images, the licence notice Zensical ships with its scripts and the
# compressed sitemap MkDocs writes. Anything else (a .py, a .yml, a README) is a leak.
PUBLISHABLE = {
    ".html", ".css", ".js", ".json", ".xml", ".png", ".svg", ".ico", ".webmanifest", ".map",
}  # fmt: skip
PUBLISHABLE_NAMES = {"LICENSE", "sitemap.xml.gz"}


def zensical_build(project: Path) -> Build:
    """`zensical build` in `project` (into its site_dir, site/). Zensical writes no
    reports/editorial.json (no hook): read findings with `Build.recheck()`."""
    proc = run_in(project, [str(ZENSICAL), "build", "--clean", "-f", zensical_config(project)])
    return Build(project, project / "site", proc.returncode, proc.stdout + proc.stderr)


def unpublishable(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.suffix not in PUBLISHABLE and p.name not in PUBLISHABLE_NAMES
    )


def editorial(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`./run editorial SITE` (the run script execs `python -m sitecheck`)."""
    return run_in(project, [sys.executable, "-m", "sitecheck", str(site)])
