"""The developers' own scripts are the reviewed ones: `run`, `.ci/`, `.github/`.

`./run` and `.ci/run` run before any check can, so a pull request that changes them has run its
change already when the build starts; CODEOWNERS review is the control that holds. This check
makes such a change visible at the build too, naming the file and its first changed line: each
file's lines are pinned (a short hash a line) in developer_files.yml, which only developers
write, after review:

    .venv/bin/python -m sitecheck.rules.project.developer_files --accept

A file that is absent (a copy of the project without them) is not checked; a new file in .ci/
or .github/ is refused by project_files.py.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

from sitecheck.core.finding import Finding
from sitecheck.core.yaml_loader import SafeLoader

RULE = "developer-files"
PINS = Path(__file__).with_name("developer_files.yml")
FILES = ("run", ".ci/run", ".github/CODEOWNERS", ".github/workflows/deploy.yml")


def line_hashes(text: str) -> list[str]:
    return [hashlib.sha256(line.encode("utf-8")).hexdigest()[:8] for line in text.split("\n")]


def pins() -> dict[str, list[str]]:
    data = yaml.load(PINS.read_text(encoding="utf-8"), Loader=SafeLoader) if PINS.is_file() else {}
    return data or {}


def check(project: Path) -> list[Finding]:
    pinned = pins()
    out = []
    for name in FILES:
        path = project / name
        if not path.is_file() or name not in pinned:
            continue
        now = line_hashes(path.read_text(encoding="utf-8", errors="replace"))
        want = pinned[name]
        if now == want:
            continue
        first = next(
            (n for n, (a, b) in enumerate(zip(now, want, strict=False), 1) if a != b), None
        )
        first = first or min(len(now), len(want)) + 1
        out.append(
            Finding(
                name,
                min(first, len(now)),
                f"{name} differs from the version the developers reviewed (from this line "
                "on). It runs on the build machine before any check, so it is developer "
                "territory.",
                f"undo the change to {name} (git checkout {name}); a developer makes it, "
                "reviewed by a code owner, and pins it with .venv/bin/python -m "
                "sitecheck.rules.project.developer_files --accept.",
                rule=RULE,
            )
        )
    return out


def accept(project: Path) -> None:
    data = {
        name: line_hashes((project / name).read_text(encoding="utf-8"))
        for name in FILES
        if (project / name).is_file()
    }
    header = (
        "# The developers' scripts as reviewed: one short sha256 a line (developer_files.py).\n"
        "# Written by: .venv/bin/python -m sitecheck.rules.project.developer_files --accept\n"
    )
    PINS.write_text(header + yaml.safe_dump(data, width=100), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--accept"]:
        accept(Path.cwd())
    else:
        found = check(Path.cwd())
        print("\n".join(str(f) for f in found) or "The developers' scripts are as reviewed.")
        sys.exit(1 if found else 0)
