"""Test helpers over the engine's page rules (sitecheck/rules/page/outline.py, sitecheck/rules/page/leftovers.py)."""

from __future__ import annotations

from pathlib import Path

from sitecheck.core.markdown_source import first_line
from sitecheck.rules.page.leftover_patterns import LEFTOVERS

__all__ = ["LEFTOVERS", "source_line"]


def source_line(project: Path, source: str, pattern: str) -> str:
    """'docs/x.md:12' for the first line matching `pattern`, or just the file."""
    path = project / source
    raw = path.read_text(encoding="utf-8") if source.startswith("docs/") and path.is_file() else ""
    line = first_line(raw, pattern)
    return f"{source}:{line}" if line else source
