"""Read mkdocs.yml and the editors' facts file (clinic.yml) as data: the one loader for the
engine, the deploy check and the tests.

mkdocs.yml is developer territory; the clinic's facts live in clinic.yml beside it, read with the
safe loader only. `load_config` hands every reader the same shape as before the move: the facts
under `extra: clinic:` (and `extra: emergency_number:`), so pages keep writing {{ clinic.x }}.

Its `!!python/name` tags (the emoji extension) are code references MkDocs resolves itself; as
data they do not matter, so they load as None instead of importing anything.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from sitecheck.core.yaml_loader import SafeLoader

FACTS_FILE = "clinic.yml"
# The top-level keys of clinic.yml; each lands under mkdocs.yml `extra:` for the templates.
FACTS_KEYS = ("clinic", "emergency_number")


class ConfigLoader(SafeLoader):
    """Safe YAML, plus `!!python/...` tags read as None."""


ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_facts(project: Path) -> dict:
    """clinic.yml as data ({} when missing or not a mapping), safe loader only."""
    path = project / FACTS_FILE
    if not path.is_file():
        return {}
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    return data if isinstance(data, dict) else {}


def with_facts(config: dict, facts: dict) -> dict:
    """mkdocs.yml as data with clinic.yml's facts under `extra:` (facts win)."""
    extra = dict(config.get("extra") or {})
    extra.update({k: v for k, v in facts.items() if k in FACTS_KEYS})
    return {**config, "extra": extra}


def load_config(project_or_file: Path) -> dict:
    path = project_or_file
    if path.is_dir():
        path = path / "mkdocs.yml"
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=ConfigLoader) or {}
    return with_facts(config, load_facts(path.parent))
