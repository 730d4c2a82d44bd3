"""Read mkdocs.yml as data: the one loader for the engine, the deploy check and the tests.

Its `!!python/name` tags (the emoji extension) are code references MkDocs resolves itself; as
data they do not matter, so they load as None instead of importing anything.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from sitecheck.core.yaml_loader import SafeLoader


class ConfigLoader(SafeLoader):
    """Safe YAML, plus `!!python/...` tags read as None."""


ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_config(project_or_file: Path) -> dict:
    path = project_or_file
    if path.is_dir():
        path = path / "mkdocs.yml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=ConfigLoader) or {}
