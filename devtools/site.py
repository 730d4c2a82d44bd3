"""Build the real site with MkDocs and map built pages back to their Markdown source."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sitecheck.core.config import load_config
from sitecheck.core.finding import Finding
from sitecheck.drivers.cli import load_built_site, source_map
from sitecheck.outputs.report import read_json

ROOT = Path(__file__).resolve().parents[1]
# What a copy of the project needs to build: content, configuration, theme, macro module,
# sitecheck/ (the check engine and its MkDocs hook), preview/ (./run preview) and leaflets/
# (the PDFs ./run deploy makes).
PROJECT_PARTS = (
    "mkdocs.yml",
    "claims-signoff.yml",  # the claims review sign-offs (deploy reads them)
    "medical-review.yml",  # the medical sentences the medical reviewer signed off
    "clinic.yml",
    "docs",
    "overrides",
    "macros",
    "sitecheck",
    "preview",
    "leaflets",
    "devtools",
)


def build_env(*, report_only: bool = False) -> dict[str, str]:
    # Same setting as ./run: Material's MkDocs 2.0 banner would hide real warnings.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITECHECK_REPORT_ONLY", None)
    # Planted faults must not become annotations of the suite's own run on GitHub.
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        env.pop(name, None)
    if report_only:  # a non-strict test build finishes despite findings, so tests can look
        env["SITECHECK_REPORT_ONLY"] = "1"
    return env


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str

    @cached_property
    def config(self) -> dict:
        return load_config(self.project)

    @property
    def site_url(self) -> str:
        return self.config["site_url"]

    @cached_property
    def sources(self) -> dict[str, str]:
        """Built HTML path (relative to site/) -> Markdown source path ("docs/x.md")."""
        return source_map(self.project)

    def source_of(self, html: str) -> str:
        """Name the file an editor would open for a built page."""
        if html in self.sources:
            return self.sources[html]
        return f"theme template ({html})"

    def html_pages(self) -> list[str]:
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))

    def findings(self, *rules: str) -> list[Finding]:
        """The engine's findings for this build (reports/editorial.json, written by the hook),
        optionally only those of the named rules."""
        return [f for f in read_json(self.project) if not rules or f.rule in rules]

    def engine(self):
        """The engine run on the site folder as it is now, as `./run editorial SITE` runs it."""
        return load_built_site(self.project, self.site)

    def recheck(self, *rules: str) -> list[Finding]:
        """The engine's findings on the site folder as it is now (after a test changed it)."""
        return [f for f in self.engine().sorted_findings() if not rules or f.rule in rules]

    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def build(project: Path, site: Path, *, strict: bool = True) -> Build:
    args = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(project / "mkdocs.yml")]
    args += ["-d", str(site)] + (["--strict"] if strict else [])
    proc = run_in(project, args, report_only=not strict)
    return Build(project, site, proc.returncode, proc.stdout + proc.stderr)


def run_in(project: Path, args: list[str], *, report_only: bool = False):
    """Run a build or check command in `project` as ./run would, capturing what it prints."""
    return subprocess.run(
        args,
        cwd=project,
        env=build_env(report_only=report_only),
        capture_output=True,
        text=True,
        check=False,
    )


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project, for planting faults without touching the real docs."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest
