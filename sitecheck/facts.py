"""The clinic's facts (mkdocs.yml `extra.clinic`) checked against sitecheck/facts.yml.

The schema is data, one entry per fact; jsonschema finds what is wrong and this module says it in
the editor's words: `mkdocs.yml:LINE`, the setting, what is wrong as written, and the fix. A key
no entry names is refused with a "did you mean", so a misspelt fact cannot vanish silently.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import start_cache
from .finding import Finding
from .yaml_loader import SafeLoader

FACTS_FILE = Path(__file__).with_name("facts.yml")
RULE = "clinic-facts"
ROOT = ("extra", "clinic")
KINDS = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "array": "a list (lines starting with '- ')",
    "object": "a group of settings (indented lines 'name: value')",
    "boolean": "true or false",
}


@dataclass(frozen=True)
class Fact:
    key: str  # "price.amount"
    what: str
    fix: str
    schema: dict
    optional: bool = False
    retired: str = ""  # why a former fact must go, and what replaced it


@functools.cache
def load_facts(path: Path = FACTS_FILE) -> dict[str, Fact]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    return {
        key: Fact(key, e.get("what", key), e.get("fix", ""), e.get("schema", {}), **_flags(e))
        for key, e in data.items()
    }


def _flags(entry: dict) -> dict:
    return {"optional": bool(entry.get("optional")), "retired": entry.get("retired", "")}


def schema_of(facts: dict[str, Fact]) -> dict:
    """One JSON Schema for `clinic:`; groups (`price`) are made from the dotted fact names and
    accept only their facts, so a misspelt key is refused."""

    def group() -> dict:
        return {"type": "object", "properties": {}, "required": [], "additionalProperties": False}

    root = group()
    for fact in facts.values():
        if fact.retired:
            continue
        *groups, last = fact.key.split(".")
        node = root
        for name in groups:
            if name not in node["properties"]:
                node["properties"][name] = group()
                node["required"].append(name)
            node = node["properties"][name]
        node["properties"][last] = fact.schema
        if not fact.optional:
            node["required"].append(last)
    return root


# -- where each setting is written ---------------------------------------------------------------


def node_lines(text: str) -> dict[tuple, tuple[int, str | None]]:
    """(path) -> (1-based line, the scalar as typed) for every setting of a YAML file."""
    out: dict[tuple, tuple[int, str | None]] = {}
    root = yaml.compose(text, Loader=SafeLoader)
    stack = [((), root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = (*path, key.value)
                raw = value.value if isinstance(value, yaml.ScalarNode) else None
                out[sub] = (key.start_mark.line + 1, raw)
                stack.append((sub, value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                raw = item.value if isinstance(item, yaml.ScalarNode) else None
                out[(*path, index)] = (item.start_mark.line + 1, raw)
                stack.append(((*path, index), item))
    return out


# -- the check -------------------------------------------------------------------------------


def check_facts_file(path: Path, config: dict, text: str, file: str) -> list[Finding]:
    """check_facts of the file at `path` (read as `text` and `config`), kept between builds
    (start_cache.py) for the same file, facts.yml and this code: MkDocs checks the facts before
    any page is rendered, and with an unchanged file it need not even import jsonschema."""
    inputs = [path, FACTS_FILE, Path(__file__)]
    return start_cache.cached("facts", inputs, lambda: check_facts(config, text, file), file)


def check_facts(config: dict, text: str, file: str = "mkdocs.yml") -> list[Finding]:
    """Every problem with the clinic's facts; `config` is mkdocs.yml as data, `text` as typed."""
    import jsonschema  # here, not at the top: see check_facts_file

    facts = load_facts()
    lines = node_lines(text)
    clinic = (config.get("extra") or {}).get("clinic")
    top = lines.get(ROOT, (lines.get(("extra",), (1, None))[0], None))[0]
    if not isinstance(clinic, dict):
        return [
            Finding(
                file,
                top,
                "the clinic's facts are missing: there is no group 'clinic:' under 'extra:'.",
                "restore the 'clinic:' lines under 'extra:' from the last working version.",
                RULE,
            )
        ]
    out: list[Finding] = []
    validator = jsonschema.Draft202012Validator(schema_of(facts))
    seen: set[tuple] = set()
    # One message per setting: "1.790 is not a whole number" says it all, no range after it.
    errors = sorted(validator.iter_errors(clinic), key=lambda e: e.validator != "type")
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator not in ("additionalProperties", "required") and path in seen:
            continue
        seen.add(path)
        out += _explain(error, facts, lines, file)
    out += _ranges(clinic, lines, file)
    return sorted(set(out))


def _line(lines: dict, path: tuple) -> int:
    while path and (*ROOT, *path) not in lines:
        path = path[:-1]
    return lines.get((*ROOT, *path), lines.get(ROOT, (1, None)))[0]


def _fact_of(path: tuple, facts: dict[str, Fact]) -> Fact | None:
    keys = [p for p in path if isinstance(p, str)]
    for size in range(len(keys), 0, -1):
        name = ".".join(keys[:size])
        if name in facts:
            return facts[name]
    return None


def _setting(path: tuple) -> str:
    text = "clinic"
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return text


def _explain(error, facts: dict[str, Fact], lines: dict, file: str) -> list[Finding]:
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        return [_unknown(path, extra, known, facts, lines, file) for extra in _extra(error)]
    if kind == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        return [_missing((*path, key), facts, lines, file) for key in missing]
    if kind in ("anyOf", "oneOf"):  # a real value, or the clinic's placeholder: say the real one
        import jsonschema

        first = jsonschema.Draft202012Validator(error.validator_value[0])
        inner = next(iter(first.iter_errors(error.instance)), None)
        if inner is not None:
            inner.path.extendleft(reversed(path))
            return _explain(inner, facts, lines, file)
    fact = _fact_of(path, facts)
    raw = lines.get((*ROOT, *path), (0, None))[1]
    shown = raw if raw is not None else repr(error.instance)
    value = error.instance
    if kind == "type" and value is None:  # `ask:` with nothing after it, or a bare `- `
        after = "the '- '" if path and isinstance(path[-1], int) else "the colon"
        problem = f"is empty: nothing is written after {after}"
    elif kind == "type":
        want = KINDS.get(error.validator_value, error.validator_value)
        read_as = ""
        if raw is not None and str(value) != raw and not isinstance(value, str):
            read_as = f", which is read as {value}"
        elif isinstance(value, str):
            read_as = ", which is text"
        problem = f"is written {shown}{read_as}, not {want}"
    elif kind in ("minimum", "maximum"):
        low, high = error.schema.get("minimum"), error.schema.get("maximum")
        problem = f"is {value}, outside the plausible range {low} to {high}"
    elif kind == "pattern":
        problem = f"is written '{value}', which is not in the form needed here"
    elif kind in ("minItems", "minLength"):
        problem = "is empty"
    else:
        problem = f"is not valid ({error.message})"
    what = f"the setting {_setting(path)}"
    if fact:
        what += f" ({fact.what})"
    return [Finding(file, _line(lines, path), f"{what} {problem}.", fact.fix if fact else "", RULE)]


def _extra(error) -> list[str]:
    known = set(error.schema.get("properties", {}))
    return sorted(k for k in error.instance if k not in known)


def _unknown(path, key, known, facts, lines, file) -> Finding:
    full = (*path, key)
    retired = facts.get(".".join(str(p) for p in full))
    if retired and retired.retired:
        what = f"the setting {_setting(full)} is no longer used."
        return Finding(file, _line(lines, full), what, retired.retired, RULE)
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    hint = f"Did you mean '{close[0]}'? " if close else ""
    where = _setting(path)
    return Finding(
        file,
        _line(lines, full),
        f"'{key}' under {where} is not a setting the site knows. {hint}".strip(),
        f"correct the spelling{f' to {close[0]}' if close else ''}, or delete the line. The known "
        f"settings there: {', '.join(known)}.",
        RULE,
    )


def _missing(full, facts, lines, file) -> Finding:
    fact = _fact_of(full, facts)
    name = fact.what if fact else str(full[-1])
    parent = _setting(full[:-1])
    if isinstance(full[-2] if len(full) > 1 else None, int):
        what = f"entry {full[-2] + 1} of clinic.{full[0]} has no '{full[-1]}'."
    else:
        what = f"the setting {_setting(full)} ({name}) is missing under {parent}."
    fix = fact.fix if fact else ""
    return Finding(file, _line(lines, full), what, f"add it: {fix}".strip(": "), RULE)


def _ranges(clinic: dict, lines: dict, file: str) -> list[Finding]:
    """Facts that depend on each other: a range stated once, as two numbers in order."""
    sessions = clinic.get("sessions") or {}
    low, high = sessions.get("later_min"), sessions.get("later_max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        return [
            Finding(
                file,
                _line(lines, ("sessions", "later_max")),
                f"clinic.sessions.later_max ({high}) is smaller than later_min ({low}).",
                "write the fewest later sessions in later_min and the most in later_max.",
                RULE,
            )
        ]
    return []
