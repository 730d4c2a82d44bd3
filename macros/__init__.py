"""The site's own macros, for mkdocs-macros (and Zensical, which runs mkdocs-macros too).

Each macro lives in a module of its own with a `register(env)` function; this file only
lists them, so adding one is one line here.
"""

from __future__ import annotations

from . import build_date, diagrams, glossary, sources

MODULES = [build_date, glossary, sources, diagrams]


def define_env(env):
    for module in MODULES:
        module.register(env)
