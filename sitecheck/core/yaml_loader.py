"""The one safe YAML loader every reader here starts from: libyaml's when PyYAML has it (the
same answers, several times faster), else PyYAML's own. Readers that add tags subclass it."""

from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
