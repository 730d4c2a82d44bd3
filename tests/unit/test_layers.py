"""The engine's folders are its layers: core, rules, the engine, outputs, drivers. A module may
import its own layer and the ones below, never one above; nothing outside tests/ imports tests."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["core", "rules", "engine", "outputs", "drivers"]
PRODUCT = ["sitecheck", "preview", "leaflets", "macros", "benchmarks", "devtools"]


def layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "sitecheck" or len(parts) < 2:
        return None
    return LAYERS.index(parts[1]) if parts[1] in LAYERS else None


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, node.module)]
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return found


def module_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_no_module_imports_a_layer_above_its_own():
    wrong = []
    for path in sorted((ROOT / "sitecheck").rglob("*.py")):
        own = layer(module_of(path))
        if own is None:
            continue
        for line, name in imports(path):
            other = layer(name)
            if other is not None and other > own:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert wrong == []


def test_relative_imports_are_not_used_so_a_move_cannot_change_their_meaning():
    relative = [
        f"{p.relative_to(ROOT)}:{n.lineno}"
        for p in sorted((ROOT / "sitecheck").rglob("*.py"))
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(n, ast.ImportFrom) and n.level > 0
    ]
    assert relative == []


def test_nothing_outside_tests_imports_tests():
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for folder in PRODUCT
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line, name in imports(path)
        if name == "tests" or name.startswith("tests.")
    ]
    assert wrong == []


def test_the_layer_check_sees_a_planted_upward_import(tmp_path):
    # The rule above must be able to fail: a core module importing a driver is one.
    planted = tmp_path / "planted.py"
    planted.write_text("from sitecheck.drivers import cli\n", encoding="utf-8")
    (_, name), *_ = imports(planted)
    assert layer(name) > layer("sitecheck.core.finding")
