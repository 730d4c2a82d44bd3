"""The site's own macros, for mkdocs-macros (and Zensical, which runs mkdocs-macros too).

Each macro lives in a module of its own with a `register(env)` function; this file only
lists them, so adding one is one line here.
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    from . import build_date, diagrams, glossary, sources
except ImportError:
    # Zensical loads this file by its path, without registering the package macros/ or making
    # the project importable: put the project on the path and import the package the normal way.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from macros import build_date, diagrams, glossary, sources

MODULES = [build_date, glossary, sources, diagrams]


def define_env(env):
    for module in MODULES:
        module.register(env)
