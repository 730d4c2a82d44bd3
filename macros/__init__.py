"""The site's own macros, for mkdocs-macros (and Zensical, which runs mkdocs-macros too).

Each macro lives in a module of its own with a `register(env)` function; this file only
lists them, so adding one is one line here. Pages are rendered in a sandbox (sandbox.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Zensical loads this file on its own, not as a package: make `macros` and `sitecheck` findable.
PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from macros import build_date, diagrams, glossary, money, sandbox, sources  # noqa: E402

MODULES = [build_date, money, glossary, sources, diagrams]


def clinic_facts(env) -> None:
    """The clinic's facts (clinic.yml, read with the safe loader) as page variables and under
    `extra:`. Under MkDocs the hook has put them there already; Zensical runs no hook."""
    from sitecheck.core.config import load_facts

    extra = env.conf.get("extra")
    for key, value in load_facts(PROJECT).items():
        if key in ("clinic", "emergency_number") and key not in env.variables:
            env.variables[key] = value
            if isinstance(extra, dict):
                extra.setdefault(key, value)


def define_env(env):
    clinic_facts(env)
    for module in MODULES:
        module.register(env)
    money.home_cost(env)  # Zensical: define_env runs once per page
    sandbox.check_zensical_page(env)


def on_pre_page_macros(env):
    sandbox.before_page(env)
    money.home_cost(env)
