"""The inline scripts the site may run: exactly those the theme's templates write.

Read from the templates themselves (Material's installed templates, Zensical's for a site it
built, and overrides/), so a
Material upgrade brings its new scripts with it and nothing else does. A script in a template
becomes a pattern: its code literally, with each Jinja expression ({{ base_url }}) allowed to
be a short value without quotes, brackets or backslashes. An inline script in a built page that
matches no pattern was not written by the theme (a page, a front-matter title, a snippet) and
stops the build; the Content-Security-Policy hashes only the scripts that match.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.DOTALL | re.IGNORECASE)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# What a template expression inside a script may become: a path, a number, a word.
VALUE = r"[^\"'`<>\\\s;(){}]{0,200}"
CODE_TYPES = {"", "module", "text/javascript", "application/javascript"}


def installed_templates(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if not spec or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def template_dirs(project: Path) -> list[Path]:
    found = [project / "overrides", *(installed_templates(p) for p in ("material", "zensical"))]
    return [d for d in found if d and d.is_dir()]


def _script_type(attributes: str) -> str | None:
    if re.search(r"\ssrc\s*=", attributes, re.IGNORECASE):
        return None
    kind = re.search(r"""\stype\s*=\s*["']?([^"'\s>]*)""", attributes, re.IGNORECASE)
    return (kind.group(1) if kind else "").lower()


def pattern_of(body: str) -> re.Pattern | None:
    """The script's code with each Jinja expression as a VALUE; None if it has no code of its
    own (a template script that is only an expression would allow anything)."""
    parts, literal = [], ""
    last = 0
    for match in JINJA.finditer(body):
        parts.append(re.escape(body[last : match.start()]))
        literal += body[last : match.start()]
        parts.append(VALUE)
        last = match.end()
    parts.append(re.escape(body[last:]))
    literal += body[last:]
    if len(literal.strip()) < 20:
        return None
    return re.compile("".join(parts).strip())


@lru_cache(maxsize=8)
def theme_patterns(dirs: tuple[Path, ...]) -> tuple[re.Pattern, ...]:
    found = []
    for folder in dirs:
        for template in sorted(folder.rglob("*.html")):
            for match in SCRIPT.finditer(template.read_text(encoding="utf-8")):
                if _script_type(match.group(1) or "") in CODE_TYPES:
                    pattern = pattern_of(match.group(2).strip())
                    if pattern:
                        found.append(pattern)
    return tuple(found)


class ThemeScripts:
    """`allowed(code)`: was this inline script written by one of the theme's templates?"""

    def __init__(self, project: Path):
        self.patterns = theme_patterns(tuple(template_dirs(project)))

    def allowed(self, code: str) -> bool:
        code = code.strip()
        return any(p.fullmatch(code) for p in self.patterns)
