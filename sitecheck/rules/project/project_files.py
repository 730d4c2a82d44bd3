"""Which files may exist at the project's top and in the theme folder (overrides/), by kind.

Two places decide what code runs without anyone reading it as code:

- the project's top folder: Python finds modules there (`./run` starts it with that folder last
  on its path, `python -m mkdocs` and plugins put it first), so a `yaml.py` or `jinja2/` beside
  `mkdocs.yml` would be imported instead of the installed library;
- overrides/: every file there is a template the theme may `{% include %}` (Material includes
  `.icons/…/*.svg` as templates), so a picture can be Jinja code.

So both are allow-lists: a name not listed stops the build, named, before MkDocs or anything
else reads the project. Standard library only: `./run`'s launcher may run it before any
installed package is imported. A developer adds a new kind of file here (CODEOWNERS).
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

from sitecheck.core.finding import Finding

RULE = "project-files"

# The project's top folder: name -> what it is. Folders end in '/'.
ROOT = {
    "mkdocs.yml": "the site's settings",
    "clinic.yml": "the clinic's facts",
    "redirects.yml": "old addresses",
    "claims-signoff.yml": "claims sign-off",
    "medical-review.yml": "the medical reviewers' ledger",
    "published-addresses.txt": "the address ledger",
    "README.md": "notes",
    "DEVELOPING.md": "notes",
    "run": "the developers' runner",
    "pyproject.toml": "the Python packages",
    "requirements.lock": "the Python packages",
    "package.json": "the npm packages",
    "package-lock.json": "the npm packages",
    "zensical.yml": "written by ./run zensical",
    ".gitignore": "git settings",
    ".gitattributes": "git settings",
    "docs/": "the pages",
    "overrides/": "the theme",
    "macros/": "the page macros",
    "sitecheck/": "the checks",
    "preview/": "the preview",
    "leaflets/": "the leaflets",
    "devtools/": "developer tools",
    "benchmarks/": "benchmarks",
    "templates/": "page templates",
    "tests/": "the tests",
    ".ci/": "CI",
    ".github/": "GitHub settings",
    # made by the tools, never committed (.gitignore)
    ".git/": "git",
    ".venv/": "the Python packages",
    "node_modules/": "the npm packages",
    "site/": "the built site",
    "reports/": "reports",
    "deploy/": "the server files",
    ".pytest_cache/": "test cache",
    ".ruff_cache/": "lint cache",
    ".cache/": "Material's plugin cache",
    "__pycache__/": "Python cache",
    # what editors' computers add on their own; none is a name Python can import
    ".DS_Store": "macOS folder settings",
    ".idea/": "editor settings",
    ".vscode/": "editor settings",
}

# overrides/: pattern -> kind. Only these; anything else (a dot folder such as .icons/, an .svg,
# a .py, a .yml) is refused.
THEME = {
    "*.html": "template",
    "partials/*.html": "template",
    "assets/stylesheets/*.css": "stylesheet",
    "assets/javascripts/*.js": "script",
    "assets/images/*.png": "picture",
    "assets/images/*.jpg": "picture",
    "assets/images/*.webp": "picture",
    "assets/images/*.ico": "picture",
    "README.md": "notes",
}

# Developers' own folders at the top: what may be in them.
DEVELOPER_FOLDERS = {
    ".ci": ("run",),
    ".github": ("CODEOWNERS", "workflows/*.yml"),
}


def _ignored(part: str) -> bool:
    return part in ("__pycache__", ".DS_Store")


def check(project: Path, theme: str = "overrides") -> list[Finding]:
    out = []
    for entry in sorted(project.iterdir()):
        name = entry.name + ("/" if entry.is_dir() else "")
        if name in ROOT or (entry.name + "/" in ROOT and (entry.is_symlink() or entry.is_file())):
            continue  # .git is a file in a git worktree; .venv and node_modules may be links
        what = (
            "a Python module named like a library the build imports (Python would load it "
            "instead of the installed one)"
            if entry.suffix in (".py", ".pyc", ".pth", ".so")
            or (entry.is_dir() and entry.name.isidentifier())
            else "a file the project does not use"
        )
        out.append(
            Finding(
                name,
                0 if name.endswith("/") else 1,
                f"'{name}' at the top of the project is not on the list of files that may be "
                f"there: {what}. Code beside mkdocs.yml can run on the build machine.",
                "delete it or move it where its kind belongs (pages and pictures in docs/); "
                "a developer adds a new top-level file to ROOT in "
                "sitecheck/rules/project/project_files.py.",
                rule=RULE,
            )
        )
    folder = project / theme
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_dir() or any(_ignored(p) for p in path.relative_to(folder).parts):
                continue
            if any(fnmatch.fnmatchcase(rel, pattern) for pattern in THEME) and not any(
                part.startswith(".") for part in path.relative_to(folder).parts
            ):
                continue
            out.append(
                Finding(
                    f"{theme}/{rel}",
                    1,
                    f"'{theme}/{rel}' is not a kind of file the theme folder may hold: the "
                    "theme reads every file there as a template (an icon or picture too), so "
                    "it could run code during the build.",
                    "delete it; the theme folder holds only templates (*.html, partials/*.html), "
                    "assets/stylesheets/*.css, assets/javascripts/*.js and assets/images/ "
                    "pictures. A developer adds a new kind to THEME in "
                    "sitecheck/rules/project/project_files.py.",
                    rule=RULE,
                )
            )
    for name, allowed in DEVELOPER_FOLDERS.items():
        root = project / name
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_dir() or any(fnmatch.fnmatchcase(rel, p) for p in allowed):
                continue
            out.append(
                Finding(
                    f"{name}/{rel}",
                    1,
                    f"'{name}/{rel}' is a new file in {name}/, the developers' CI folder: "
                    "it can run on the build machine, and only a developer may add it.",
                    "delete it; a developer adds it to DEVELOPER_FOLDERS in "
                    "sitecheck/rules/project/project_files.py, reviewed by a code owner.",
                    rule=RULE,
                )
            )
    return out


# An attribute of a theme template that makes the browser load or send to an address. Its value
# may be a template expression ({{ … | url }}, {{ clinic.booking_url }}: checked where the fact
# is) or a site-relative address, never a literal address on another host.
LOADING_ATTRIBUTE = re.compile(
    r"\b(src|href|srcset|action|formaction|poster|data|ping|background|imagesrcset)\s*=\s*"
    r"[\"']?\s*((?:[a-z][a-z0-9+.-]*:)?(?://|\\/\\/|&#x?0*(?:2f|47);))",
    re.IGNORECASE,
)


def theme_addresses(project: Path, theme: str = "overrides") -> list[Finding]:
    out = []
    folder = project / theme
    for path in sorted(folder.rglob("*.html")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = f"{theme}/{path.relative_to(folder).as_posix()}"
        for match in LOADING_ATTRIBUTE.finditer(text):
            out.append(
                Finding(
                    rel,
                    text.count("\n", 0, match.start()) + 1,
                    f'{match.group(1)}="{match.group(2)}…" makes every patient\'s browser load '
                    "or send to another website (which learns who reads the clinic's pages).",
                    "remove it; the site loads only its own files. A link patients choose to "
                    "follow belongs in a page's Markdown, where the link checks read it.",
                    rule=RULE,
                )
            )
    return out
