"""Build time at the site's real size and at a few hundred pages: what an editor and CI wait for.

The large site is the real project with its pages copied into numbered folders (each copy's
links resolve inside the copy) until it has about `pages` pages, all in the menu. Each build
is `./run build`'s own command, timed as a whole process; the figures are medians.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from devtools.site import build_env, copy_project
from sitecheck.core.config import load_config

# Not --strict: the copies repeat headings and anchors, which the checks report (and count).
COMMAND = [sys.executable, "-m", "sitecheck.drivers.build", "build", "--clean"]


def grow(project: Path, pages: int) -> int:
    """Copies of docs/'s pages in docs/copy-N/ until the site has about `pages` pages."""
    docs = project / "docs"
    originals = sorted(p.relative_to(docs) for p in docs.glob("*.md"))
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    nav = []
    copies = max(0, -(-(pages - len(originals)) // len(originals)))
    for n in range(1, copies + 1):
        folder = docs / f"copy-{n}"
        folder.mkdir()
        for page in originals:
            shutil.copy2(docs / page, folder / page)
        shutil.copytree(docs / "images", folder / "images")
        nav.append({f"Copy {n}": [f"copy-{n}/{p.as_posix()}" for p in originals]})
    if nav:
        extra = yaml.safe_dump(nav, sort_keys=False)
        text = text.replace("\nnav:\n", "\nnav:\n" + extra, 1)
        config_file.write_text(text, encoding="utf-8")
    return len(originals) * (copies + 1)


def time_builds(project: Path, runs: int) -> list[float]:
    env = {**build_env(), "SITECHECK_REPORT_ONLY": "1"}
    times = []
    for _ in range(runs + 1):  # the first warms the disk cache and is not counted
        start = time.monotonic()
        subprocess.run(COMMAND, cwd=project, env=env, capture_output=True, check=True)
        times.append(time.monotonic() - start)
    return times[1:]


def measure(work: Path, sizes: list[int], runs: int, log=print) -> list[list[str]]:
    rows = []
    for size in sizes:
        project = copy_project(work / f"build-{size}")
        pages = grow(project, size) if size else len(load_config(project / "mkdocs.yml")["nav"])
        times = time_builds(project, runs)
        log(f"build: {pages} pages: " + ", ".join(f"{t:.2f}" for t in times))
        rows.append(
            [
                str(pages),
                f"{statistics.median(times):.2f}",
                f"{min(times):.2f}",
                f"{max(times):.2f}",
                f"{os.cpu_count()}",
            ]
        )
    return rows


def table(rows: list[list[str]]) -> list[str]:
    from benchmarks.report import markdown_table

    return markdown_table(["pages", "median s", "min s", "max s", "cores"], rows)
