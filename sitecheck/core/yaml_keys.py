"""Find keys written twice in one YAML mapping.

YAML silently keeps only the last of two equal keys, so a second `extra_css:` in mkdocs.yml or a
second `title:` in front matter would drop the first without any warning.
"""

from __future__ import annotations

import yaml

from sitecheck.core.yaml_loader import SafeLoader


class _Loader(SafeLoader):
    pass


# mkdocs.yml uses tags such as !!python/name and !ENV; composing needs no constructor for them.
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def duplicate_keys(text: str, first_line: int = 1) -> list[tuple[str, int, int]]:
    """(key, line of first use, line of repeat) for every repeated key, in file order."""
    root = yaml.compose(text, Loader=_Loader)
    found = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                line = key.start_mark.line + first_line
                if isinstance(key, yaml.ScalarNode) and key.value in seen:
                    found.append((key.value, seen[key.value], line))
                elif isinstance(key, yaml.ScalarNode):
                    seen[key.value] = line
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(found, key=lambda item: item[2])
