"""The site's own macros, for mkdocs-macros (and Zensical, which runs mkdocs-macros too).

Each macro lives in a module of its own with a `register(env)` function; this file only
lists them, so adding one is one line here. Pages are rendered in a sandbox (sandbox.py).
"""

from __future__ import annotations

from . import glossary, sandbox

MODULES = [glossary]


def define_env(env):
    for module in MODULES:
        module.register(env)


def on_pre_page_macros(env):
    sandbox.before_page(env)
