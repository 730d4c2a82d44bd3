"""One stylesheet for the whole site: Material's main and palette CSS and the site's extra_css,
joined in their cascade order and written into every page's <head> (overrides/main.html, block
styles), so the first screen is drawn from the HTML alone, without waiting for any request (see
the README's benchmark). `sitecheck/drivers/mkdocs_hook.py` calls `plan` in on_config; the engine calls it too, to
know the one <style> block the security policy may allow (sitecheck/rules/page/csp_inline.py). Without
the hook (e.g. Zensical) the theme links Material's files and theme.css as before.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitecheck.core.finding import Finding

# A source map belongs to one file; in the joined file the comment would point at the wrong one.
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
CHARSET = '@charset "UTF-8";'
FLAG = "hc_stylesheet"  # config.extra key the template reads: the joined stylesheet's text
# Inside a page a relative url() would be read from the page's folder, not the stylesheet's,
# and "</style" would end the block early: both are refused with the fix.
FILE_URL = re.compile(r"url\(\s*(?![\"']?data:)", re.IGNORECASE)
END_TAG = re.compile(r"</style", re.IGNORECASE)


class StylesheetError(Exception):
    def __init__(self, finding: Finding):
        super().__init__(str(finding))
        self.finding = finding

    def findings(self) -> list[Finding]:
        return [self.finding]


def material_stylesheets(theme_dirs: list[Path]) -> list[Path]:
    """Material's main and palette CSS, found by pattern so an upgrade needs no edit here."""
    for folder in theme_dirs:
        css = folder / "assets" / "stylesheets"
        main = sorted(css.glob("main.*.min.css"))
        if main:
            return [main[0], *sorted(css.glob("palette.*.min.css"))[:1]]
    raise StylesheetError(
        Finding(
            "the theme",
            0,
            "Material's assets/stylesheets/main.*.min.css was not found.",
            "reinstall the pinned packages (delete .venv, then ./run build).",
            "stylesheet",
        )
    )


def find(name: str, folders: list[Path]) -> Path:
    for folder in folders:
        if (folder / name).is_file():
            return folder / name
    raise StylesheetError(
        Finding(
            "mkdocs.yml",
            0,
            f"extra_css lists {name}, which is in neither docs/ nor overrides/.",
            "correct the path, or remove the line.",
            "stylesheet",
        )
    )


REFUSED = (
    (FILE_URL, "a url() to a file", "draw the image with a data: URL (as Material's icons are)"),
    (END_TAG, '"</style"', 'write it without "</style" (in a comment too)'),
)


def inlinable(file: Path, text: str, project: Path) -> str:
    for pattern, what, fix in REFUSED:
        if match := pattern.search(text):
            line = text.count("\n", 0, match.start()) + 1
            name = (
                file.relative_to(project).as_posix() if file.is_relative_to(project) else file.name
            )
            raise StylesheetError(
                Finding(
                    name,
                    line,
                    f"{what} cannot be in the stylesheet that every page holds in its <head>.",
                    f"{fix}, or remove the line.",
                    "stylesheet",
                )
            )
    return text


def join(files: list[Path], project: Path) -> str:
    parts = [
        inlinable(f, SOURCE_MAP.sub("", f.read_text(encoding="utf-8")), project).strip()
        for f in files
    ]
    # A page is UTF-8 already; inside <style> an @charset would be dropped as an error.
    return "\n".join(p.removeprefix(CHARSET).strip() for p in parts) + "\n"


def plan(theme_dirs: list[Path], docs_dir: Path, extra_css: list[str]) -> str:
    """`theme_dirs`: the theme's folders, custom_dir first (MkDocs' theme.dirs)."""
    local = [find(name, [docs_dir, *theme_dirs]) for name in extra_css]
    return join(material_stylesheets(theme_dirs) + local, docs_dir.parent)
