"""Files a builder copied from the theme folder (overrides/) that are for editors, not patients.

MkDocs leaves the theme folder's notes and code out of the site (its rule: dot files, `*.py`,
`*readme*`, Markdown, `mkdocs_theme.yml`). Zensical 0.0.73 copies every file of the theme folder
that is not a template, so `overrides/README.md`, the editors' guide to the theme, would be
published as `/README.md`. `./run editorial SITE` reports such a copy; `./run zensical` builds
and leaves them out (`remove`), so the site holds only what MkDocs would publish.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from sitecheck.core.finding import Finding

RULE = "published-files"
# MkDocs' list (mkdocs.structure.files.Files.add_files_from_theme), and settings files.
NOT_FOR_PATIENTS = (
    ".*",
    "*/.*",
    "*.py",
    "*.pyc",
    "*readme*",
    "*.md",
    "*.markdown",
    "mkdocs_theme.yml",
    "*.yml",
    "*.yaml",
)


def theme_folder(project: Path, config: dict) -> str:
    return str((config.get("theme") or {}).get("custom_dir") or "overrides")


def copies(project: Path, config: dict, outputs) -> list[str]:
    """Built files (paths relative to the site) that are copies of the theme folder's notes."""
    folder = project / theme_folder(project, config)
    return sorted(
        out
        for out in outputs
        if (folder / out).is_file()
        and any(fnmatch.fnmatch(out.lower(), pattern) for pattern in NOT_FOR_PATIENTS)
    )


def check(project: Path, config: dict, outputs) -> list[Finding]:
    folder = theme_folder(project, config)
    return [
        Finding(
            f"{folder}/{out}",
            0,
            f"the built site holds '{out}', a copy of {folder}/{out}: a file for the site's "
            "editors, not for patients (Zensical copies every file of the theme folder; MkDocs "
            "leaves this one out).",
            "build with ./run zensical, which leaves it out, or delete it from the built folder "
            "before publishing.",
            rule=RULE,
        )
        for out in copies(project, config, outputs)
    ]


def remove(project: Path, config: dict, site: Path) -> list[str]:
    """Delete those copies from a built site folder; return what was removed."""
    outputs = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    removed = copies(project, config, outputs)
    for out in removed:
        (site / out).unlink()
    return removed
