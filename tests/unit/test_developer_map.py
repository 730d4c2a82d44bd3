"""DEVELOPING.md finds every rule in one hop: each module of sitecheck/rules/ and each rule name
in the engine's registries has a row in its table, and every path the table names exists."""

from __future__ import annotations

import re
from pathlib import Path

from sitecheck import engine

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "DEVELOPING.md").read_text(encoding="utf-8")
TABLE = TEXT[TEXT.index("## Where each rule is") : TEXT.index("## Tests in tiers")]


def test_every_rule_module_has_a_row():
    modules = [
        p.relative_to(ROOT).as_posix()
        for p in sorted((ROOT / "sitecheck" / "rules").rglob("*.py"))
        if p.name != "__init__.py"
    ]
    missing = [m for m in modules if f"`{m}`" not in TABLE]
    assert missing == []


def test_every_registered_rule_name_has_a_row():
    names = {n for n, _ in [*engine.SOURCE_RULES, *engine.PAGE_RULES, *engine.SITE_RULES]}
    missing = sorted(n for n in names if f"`{n}`" not in TABLE)
    assert missing == []


def test_every_path_the_table_names_exists():
    named = re.findall(r"`((?:sitecheck|tests|macros|preview|devtools)/[\w./-]+)`", TABLE)
    assert named, "the table names no file"
    assert [p for p in named if not (ROOT / p).exists()] == []
