"""Build the real site with MkDocs and map built pages back to their Markdown source."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# What a copy of the project needs to build: content, configuration, theme, macro module, and
# hooks/ and sitecheck/ (the one build hook and its check engine).
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "macros", "hooks", "sitecheck")


def build_env() -> dict[str, str]:
    # Same setting as ./run: Material's MkDocs 2.0 banner would hide real warnings.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str

    @cached_property
    def config(self) -> dict:
        return load_config_yaml(self.project / "mkdocs.yml")

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

    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def load_config_yaml(path: Path) -> dict:
    """Read mkdocs.yml as data, tolerating its !!python/name tags."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def source_map(project: Path) -> dict[str, str]:
    """Ask MkDocs itself where each Markdown file is written, so the map never drifts."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    cwd = os.getcwd()
    os.chdir(project)  # snippets and hooks paths are relative to the project
    try:
        config = load_config(str(project / "mkdocs.yml"))
        files = get_files(config)
    finally:
        os.chdir(cwd)
    return {f.dest_uri: f"docs/{f.src_uri}" for f in files.documentation_pages()}


def build(project: Path, site: Path, *, strict: bool = True) -> Build:
    args = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(project / "mkdocs.yml")]
    args += ["-d", str(site)] + (["--strict"] if strict else [])
    proc = subprocess.run(
        args, cwd=project, env=build_env(), capture_output=True, text=True, check=False
    )
    return Build(project, site, proc.returncode, proc.stdout + proc.stderr)


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
