"""Overrides copied whole from Material must equal the installed Material file, apart from lines
marked with a `{#- hc: why -#}` comment, so a Material upgrade cannot be silently shadowed.

Zensical does not run MkDocs hooks, so a change made in a template works in both builds; the
price is a copy, and this guard keeps the copy honest:
- every difference from Material's file is on a marked line (nothing else drifted);
- a marked line only adds to Material's line (Material's line is still in it, in order), so an
  upgrade that changes a line we changed is caught too;
- an override that repeats much of Material's namesake must say it is a copy.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from devtools.site import ROOT
from sitecheck.core.finding import Finding
from tests.checks.problems import at

OVERRIDES = ROOT / "overrides"
DECLARED = "Copied from Material for MkDocs"
MARK = re.compile(r"\{#-?\s*hc:.*?-?#\}")
# The leading {#- ... -#} comment: Material's says "generated", ours says what was copied and why.
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.S)
COPY_LINES = 10  # more of Material's non-blank lines than this: the file is a copy
REFIX = "copy Material's file again and re-apply each hc: change, marking it with {#- hc: why -#}"


def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def shadowing(overrides: Path, material: Path) -> list[str]:
    """Overrides with a Material template of the same name ("partials/search.html")."""
    return sorted(
        p.relative_to(overrides).as_posix()
        for p in overrides.rglob("*.html")
        if (material / p.relative_to(overrides)).is_file()
    )


def is_declared_copy(text: str) -> bool:
    header = HEADER.match(text)
    return bool(header) and DECLARED in " ".join(header.group(0).split())


def contains_in_order(line: str, original: str) -> bool:
    """Is `original` a subsequence of `line` (the change only added characters)?"""
    rest = iter(line)
    return all(char in rest for char in original)


def copy_problems(copy: Path, original: Path, name: str) -> list[Finding]:
    where = f"overrides/{name}"
    mine = HEADER.sub("", copy.read_text(encoding="utf-8"), count=1).splitlines()
    theirs = HEADER.sub("", original.read_text(encoding="utf-8"), count=1).splitlines()
    problems = []
    matcher = difflib.SequenceMatcher(None, theirs, mine, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        unmarked = [j for j in range(j1, j2) if not MARK.search(mine[j])]
        if tag == "delete" or unmarked or (tag == "replace" and i2 - i1 != j2 - j1):
            shown = "\n      ".join(
                difflib.unified_diff(theirs[i1:i2], mine[j1:j2], lineterm="", n=0)
            )
            problems.append(
                at(
                    where,
                    f"differs from Material's {name} without an hc: marker "
                    f"(Material's lines {i1 + 1}-{i2}):\n      {shown}",
                    REFIX,
                )
            )
            continue
        if tag == "replace":
            for old, new in zip(theirs[i1:i2], mine[j1:j2], strict=True):
                if not contains_in_order(MARK.sub("", new), old.strip()):
                    problems.append(
                        at(
                            where,
                            f"a marked line no longer contains Material's line (Material changed "
                            f"it): {old.strip()!r}",
                            REFIX,
                        )
                    )
    return problems


def undeclared_copy_problems(copy: Path, original: Path, name: str) -> list[Finding]:
    text = copy.read_text(encoding="utf-8")
    if is_declared_copy(text):
        return []
    theirs = {line.strip() for line in original.read_text(encoding="utf-8").splitlines()}
    shared = [line for line in text.splitlines() if line.strip() and line.strip() in theirs]
    if len(shared) <= COPY_LINES:
        return []
    return [
        at(
            f"overrides/{name}",
            f"repeats {len(shared)} lines of Material's {name} but does not say it is a copy",
            f"start it with {{#- {DECLARED} <version> ({name}) ... -#}} and mark each change "
            "with {#- hc: why -#}, or extend Material's template by its blocks instead",
        )
    ]


def theme_copy_problems(overrides: Path = OVERRIDES, material: Path | None = None) -> list[Finding]:
    material = material or material_templates()
    problems = []
    for name in shadowing(overrides, material):
        copy, original = overrides / name, material / name
        problems += undeclared_copy_problems(copy, original, name)
        if is_declared_copy(copy.read_text(encoding="utf-8")):
            problems += copy_problems(copy, original, name)
    return problems
