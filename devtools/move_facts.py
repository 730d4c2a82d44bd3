"""Move the clinic's facts from mkdocs.yml `extra:` into clinic.yml, comments and all.

The facts used to live under mkdocs.yml `extra: clinic:` (and `extra: emergency_number:`).
They now live in clinic.yml, the editors' file; mkdocs.yml is developer territory. A branch
that still adds facts under mkdocs.yml `extra: clinic:` is carried over with

    .venv/bin/python -m devtools.move_facts          # rewrites mkdocs.yml and clinic.yml

which cuts each block (with the comment lines just above it) out of mkdocs.yml, un-indents it
by two spaces and puts it in clinic.yml in place of the block of the same name (or at the end).
It moves text, not data, so every comment and the order of the facts stay as written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sitecheck.core.config import FACTS_KEYS as MOVED  # the keys clinic.yml holds: one list

HEADER = """\
# The clinic's facts, defined once. Clinic editors: change them here and every page follows.
# Pages use them as {{ clinic.price.amount }}, {{ clinic.phone }} … and {{ emergency_number }}.
# The values below are examples: a deploy build refuses them (.example, 555-01xx, placeholders).
# Every fact is checked against sitecheck/rules/facts/facts.yml (the build names the line and
# the fix). This file is read as plain data: it is not published and runs nothing.
"""
KEY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*):(\s|$)")


def _blocks(lines: list[str], indent: int, start: int, end: int) -> dict[str, tuple[int, int]]:
    """key -> (first line, line after the block) of each `key:` at `indent` in lines[start:end],
    the comment lines just above a key counted as its own."""
    keys = [
        (i, m["key"])
        for i in range(start, end)
        if (m := KEY.match(lines[i])) and len(m["indent"]) == indent
    ]
    out = {}
    for n, (i, key) in enumerate(keys):
        first = i
        while (
            first - 1 >= start
            and lines[first - 1].strip().startswith("#")
            and (len(lines[first - 1]) - len(lines[first - 1].lstrip()) == indent)
        ):
            first -= 1
        nxt = keys[n + 1][0] if n + 1 < len(keys) else end
        # the next key's own comments belong to it
        while (
            nxt - 1 > i
            and lines[nxt - 1].strip().startswith("#")
            and (len(lines[nxt - 1]) - len(lines[nxt - 1].lstrip()) == indent)
        ):
            nxt -= 1
        out[key] = (first, nxt)
    return out


def _top_end(lines: list[str], start: int) -> int:
    for i in range(start + 1, len(lines)):
        if lines[i].strip() and not lines[i].startswith((" ", "#")):
            return i
    return len(lines)


def move(config_text: str, facts_text: str) -> tuple[str, str, list[str]]:
    """(new mkdocs.yml text, new clinic.yml text, the keys moved)."""
    lines = config_text.split("\n")
    extra = next((i for i, line in enumerate(lines) if re.match(r"extra:\s*$", line)), None)
    if extra is None:
        return config_text, facts_text, []
    end = _top_end(lines, extra)
    blocks = _blocks(lines, 2, extra + 1, end)
    moved = {}
    for key in MOVED:
        if key in blocks:
            a, b = blocks[key]
            moved[key] = [line[2:] if line.startswith("  ") else line for line in lines[a:b]]
    if not moved:
        return config_text, facts_text, []
    drop = {i for key in moved for i in range(*blocks[key])}
    new_config = "\n".join(line for i, line in enumerate(lines) if i not in drop)
    target = (facts_text or HEADER).rstrip("\n").split("\n")
    for key, block in moved.items():
        have = _blocks(target, 0, 0, len(target))
        while block and not block[-1].strip():
            block = block[:-1]
        if key in have:
            a, b = have[key]
            target[a:b] = block
        else:
            target += block
    return new_config, "\n".join(target) + "\n", list(moved)


def inline_facts(config_text: str, facts_text: str) -> str:
    """mkdocs.yml's text with clinic.yml's blocks under `extra:`, for a builder that reads one
    configuration file and runs no hook (Zensical, in the tests): the reverse of `move`."""
    facts = facts_text.split("\n")
    blocks = _blocks(facts, 0, 0, len(facts))
    indented = [
        ("  " + line if line.strip() else line)
        for key in MOVED
        if key in blocks
        for line in facts[slice(*blocks[key])]
    ]
    lines = config_text.split("\n")
    extra = next(i for i, line in enumerate(lines) if re.match(r"extra:\s*$", line))
    return "\n".join(lines[: extra + 1] + indented + lines[extra + 1 :])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    project = Path(args[0]) if args else Path.cwd()
    config, facts = project / "mkdocs.yml", project / "clinic.yml"
    old = facts.read_text(encoding="utf-8") if facts.is_file() else ""
    new_config, new_facts, keys = move(config.read_text(encoding="utf-8"), old)
    if not keys:
        print("mkdocs.yml has no clinic facts under extra: nothing to move.")
        return 0
    config.write_text(new_config, encoding="utf-8")
    facts.write_text(new_facts, encoding="utf-8")
    print(f"Moved {', '.join(keys)} from mkdocs.yml extra: to clinic.yml.")
    print("Then: ./run build (and update the allow-list if mkdocs.yml changed otherwise).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
