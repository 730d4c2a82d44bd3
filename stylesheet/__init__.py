"""One stylesheet for the whole site: Material's main and palette CSS and the site's extra_css,
joined in their cascade order into one fingerprinted file, so the first paint waits for one
request instead of three (see the README's benchmark). `hooks/build.py` calls `plan` in
on_config and adds the file to the build in on_files; without the hook (e.g. Zensical) the theme links
Material's files and theme.css as before (overrides/main.html, block styles).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

# A source map belongs to one file; in the joined file the comment would point at the wrong one.
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
CHARSET = '@charset "UTF-8";'
FLAG = "hc_one_stylesheet"  # config.extra key the template reads: the joined file's path


class StylesheetError(Exception):
    pass


@dataclass(frozen=True)
class Bundle:
    path: str  # "assets/stylesheets/site.1a2b3c4d.min.css", relative to the site
    text: str


def material_stylesheets(theme_dirs: list[Path]) -> list[Path]:
    """Material's main and palette CSS, found by pattern so an upgrade needs no edit here."""
    for folder in theme_dirs:
        css = folder / "assets" / "stylesheets"
        main = sorted(css.glob("main.*.min.css"))
        if main:
            return [main[0], *sorted(css.glob("palette.*.min.css"))[:1]]
    raise StylesheetError(
        "Material's assets/stylesheets/main.*.min.css was not found. "
        "Fix: reinstall the pinned packages (delete .venv, then ./run build)."
    )


def find(name: str, folders: list[Path]) -> Path:
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    raise StylesheetError(
        f"mkdocs.yml: extra_css lists {name}, which is in neither docs/ nor overrides/. "
        "Fix: correct the path, or remove the line."
    )


def join(files: list[Path]) -> str:
    parts = [SOURCE_MAP.sub("", f.read_text(encoding="utf-8")).strip() for f in files]
    body = "\n".join(p.removeprefix(CHARSET) for p in parts)
    return f"{CHARSET}\n{body}\n"


def plan(theme_dirs: list[Path], docs_dir: Path, extra_css: list[str]) -> Bundle:
    """`theme_dirs`: the theme's folders, custom_dir first (MkDocs' theme.dirs)."""
    local = [find(name, [docs_dir, *theme_dirs]) for name in extra_css]
    text = join(material_stylesheets(theme_dirs) + local)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return Bundle(f"assets/stylesheets/site.{digest}.min.css", text)
