"""An empty or cut-short mkdocs.yml gives ONE message, not a list of every page's {{ clinic.x }}
that no longer has its fact: the cause, and how to get the file back."""

from __future__ import annotations

from pathlib import Path

import yaml

from sitecheck.core.finding import Finding
from sitecheck.core.yaml_loader import SafeLoader

# The parts every version of the site's mkdocs.yml has; a file without them was emptied or cut.
NEEDED = ("site_name", "theme", "extra", "plugins", "markdown_extensions", "nav")
FIX = (
    "get the file back as it was: in GitHub Desktop, right-click mkdocs.yml and choose "
    "'Discard changes' (or run: git checkout -- mkdocs.yml), then make your change again."
)


class _Loose(SafeLoader):
    """Reads any tag (mkdocs.yml uses !!python/name) as plain data: only the keys matter."""


_Loose.add_multi_constructor("", lambda loader, suffix, node: None)


def check(project: Path, file: str = "mkdocs.yml") -> list[Finding]:
    path = project / file
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # missing or not text: preflight says so
    if not text.strip():
        return [Finding(file, 0, "mkdocs.yml is empty: the site's settings are gone.", FIX)]
    try:
        data = yaml.load(text, Loader=_Loose)
    except yaml.YAMLError:
        return []  # preflight names the line
    if not isinstance(data, dict):
        return [Finding(file, 1, "mkdocs.yml does not hold the site's settings.", FIX)]
    missing = [key for key in NEEDED if key not in data]
    if len(missing) >= 2:
        last = len(text.rstrip("\n").split("\n"))
        return [
            Finding(
                file,
                last,
                f"mkdocs.yml stops short: it has no {', '.join(missing)} (the file was cut or "
                "partly deleted), so no page can be built.",
                FIX,
            )
        ]
    return []
