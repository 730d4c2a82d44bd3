"""Stop the build when a page's front matter is not valid YAML.

MkDocs silently ignores front matter it cannot parse and then shows the raw
`---` block to patients. Editors need the file, the line and the fix instead.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError


def front_matter_error(path: Path, text: str, shown_as: str) -> str | None:
    """Return a message if `text` opens a front-matter block that is broken."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "..."))
    except StopIteration:
        return (
            f"{shown_as}:1: the front matter opened with '---' is never closed. "
            "Fix: add a line with just '---' after the last field (title, description, ...)."
        )
    block = "\n".join(lines[1:end])
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 for 1-based lines
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        return (
            f"{shown_as}:{line}: the front matter is not valid YAML ({problem}). "
            "Fix: write each field as 'name: value' on its own line; put quotes around "
            "values that contain a colon (:) or start with a special character."
        )
    if not isinstance(data, dict):
        return (
            f"{shown_as}:2: the front matter must be a list of 'name: value' fields. "
            "Fix: write each field as 'name: value' on its own line."
        )
    return None


def on_page_markdown(markdown, page, config, files):
    path = Path(page.file.abs_src_path)
    message = front_matter_error(
        path, path.read_text(encoding="utf-8"), f"docs/{page.file.src_uri}"
    )
    if message:
        raise PluginError(message)
    return markdown
