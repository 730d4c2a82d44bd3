"""The clinic's facts (clinic.yml `clinic:`, and `emergency_number:` beside it)
checked against sitecheck/rules/facts/facts.yml.

The schema is data, one entry per fact; jsonschema finds what is wrong and this module says it in
the editor's words: `clinic.yml:LINE`, the setting, what is wrong as written, and the fix. A key
no entry names is refused with a "did you mean", so a misspelt fact cannot vanish silently.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitecheck.core.finding import Finding
from sitecheck.core.yaml_loader import SafeLoader

FACTS_FILE = Path(__file__).with_name("facts.yml")
RULE = "clinic-facts"
ROOT = ("extra", "clinic")
# Where a fact may live: under `clinic:` (the default), or under `extra:` itself, beside `clinic:`
# (`under: extra` in facts.yml), where the theme's own settings (`generator`, `leaflets`) are too.
ROOTS = {"clinic": ROOT, "extra": ("extra",)}
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
    under: str = "clinic"  # "extra": the fact is written under `extra:`, beside `clinic:`
    example: object = None  # the {number} of `fix` when what was typed holds no usable one


@functools.cache
def load_facts(path: Path = FACTS_FILE) -> dict[str, Fact]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    return {
        key: Fact(key, e.get("what", key), e.get("fix", ""), e.get("schema", {}), **_flags(e))
        for key, e in data.items()
    }


def _flags(entry: dict) -> dict:
    under = entry.get("under", "clinic")
    if under not in ROOTS:
        raise ValueError(f"facts.yml: 'under: {under}' must be one of {', '.join(ROOTS)}")
    return {
        "optional": bool(entry.get("optional")),
        "retired": entry.get("retired", ""),
        "under": under,
        "example": entry.get("example"),
    }


def schema_of(facts: dict[str, Fact], under: str = "clinic") -> dict:
    """One JSON Schema for `clinic:`; groups (`price`) are made from the dotted fact names and
    accept only their facts, so a misspelt key is refused. For `under="extra"` the facts written
    under `extra:` itself, which also holds the theme's settings: other keys are allowed there."""

    def group() -> dict:
        return {"type": "object", "properties": {}, "required": [], "additionalProperties": False}

    root = group()
    if under != "clinic":
        root["additionalProperties"] = True
    for fact in facts.values():
        if fact.retired or fact.under != under:
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


def check_facts(
    config: dict, text: str, file: str = "clinic.yml", prefix: tuple = ()
) -> list[Finding]:
    """Every problem with the clinic's facts; `config` holds them under `extra:` as data, `text`
    is the file as typed. clinic.yml holds `clinic:` at its top: `prefix=("extra",)` puts its
    lines where mkdocs.yml had them."""
    import jsonschema  # here, not at the top: a project without facts never needs it

    facts = load_facts()
    lines = {(*prefix, *path): value for path, value in node_lines(text).items()}
    extra = config.get("extra")
    out: list[Finding] = []
    if isinstance(extra, dict):  # without `extra:` at all, the missing `clinic:` says it
        out += _validate(jsonschema, extra, "extra", facts, lines, file)
    clinic = (extra or {}).get("clinic") if isinstance(extra, dict) else None
    top = lines.get(ROOT, (lines.get(("extra",), (1, None))[0], None))[0]
    if not isinstance(clinic, dict):
        return [
            *out,
            Finding(
                file,
                top,
                "the clinic's facts are missing: there is no group 'clinic:'.",
                "restore the 'clinic:' lines from the last working version.",
                RULE,
            ),
        ]
    out += _validate(jsonschema, clinic, "clinic", facts, lines, file)
    out += _ranges(clinic, lines, file)
    return sorted(set(out))


def _validate(jsonschema, data: dict, under: str, facts, lines, file) -> list[Finding]:
    root = ROOTS[under]
    validator = jsonschema.Draft202012Validator(schema_of(facts, under))
    out: list[Finding] = []
    seen: set[tuple] = set()
    # One message per setting: "1.790 is not a whole number" says it all, no range after it.
    errors = sorted(validator.iter_errors(data), key=lambda e: e.validator != "type")
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator not in ("additionalProperties", "required") and path in seen:
            continue
        seen.add(path)
        out += _explain(error, facts, lines, file, root)
    return out


def _line(lines: dict, path: tuple, root: tuple = ROOT) -> int:
    while path and (*root, *path) not in lines:
        path = path[:-1]
    return lines.get((*root, *path), lines.get(root, (1, None)))[0]


def _fact_of(path: tuple, facts: dict[str, Fact], root: tuple = ROOT) -> Fact | None:
    keys = [p for p in path if isinstance(p, str)]
    for size in range(len(keys), 0, -1):
        name = ".".join(keys[:size])
        if name in facts and ROOTS[facts[name].under] == root:
            return facts[name]
    return None


def _setting(path: tuple, root: tuple = ROOT) -> str:
    """How the editor finds the setting: clinic.price.amount; emergency_number (under extra)."""
    text = root[-1] if root != ("extra",) else ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "extra"


def _explain(error, facts: dict[str, Fact], lines: dict, file: str, root=ROOT) -> list[Finding]:
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        return [_unknown(path, extra, known, facts, lines, file) for extra in _extra(error)]
    if kind == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        return [_missing((*path, key), facts, lines, file, root) for key in missing]
    if kind in ("anyOf", "oneOf"):  # a real value, or the clinic's placeholder: say the real one
        import jsonschema

        first = jsonschema.Draft202012Validator(error.validator_value[0])
        inner = next(iter(first.iter_errors(error.instance)), None)
        if inner is not None:
            inner.path.extendleft(reversed(path))
            return _explain(inner, facts, lines, file, root)
    fact = _fact_of(path, facts, root)
    raw = lines.get((*root, *path), (0, None))[1]
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
    elif isinstance(value, str) and not value.strip():  # "" or " ": nothing to read
        problem = "is empty: nothing is written between the quotes"
    elif kind == "pattern":
        problem = f"is written '{value}', which is not in the form needed here"
    elif kind in ("minItems", "minLength"):
        problem = "is empty"
    else:
        problem = f"is not valid ({error.message})"
    what = f"the setting {_setting(path, root)}"
    if fact:
        what += f" ({fact.what})"
    fix = _fix(fact, raw if raw is not None else value) if fact else ""
    return [Finding(file, _line(lines, path, root), f"{what} {problem}.", fix, RULE)]


def _fix(fact: Fact, typed) -> str:
    """The fact's fix; its `{number}` is the number the editor typed, when it is one the fact
    accepts ('$1,650' -> 1650, '1.790' -> 1790), else 'a whole number such as' the fact's
    example: the fix says what to write for the value typed, not for an example."""
    if "{number}" not in fact.fix:
        return fact.fix
    typed_number = _typed_number(fact, typed)
    number = typed_number if typed_number is not None else f"a whole number such as {fact.example}"
    return fact.fix.replace("{number}", str(number))


def _typed_number(fact: Fact, typed) -> int | None:
    import jsonschema

    text = str(typed)
    text = re.sub(r"(?<=\d)[.,]\d{2}(?!\d)\s*$", "", text.strip())  # cents: 1,650.00
    digits = re.sub(r"[\s,.'\u2019]", "", text)  # 1 650, 1.650, 1'650 (Swiss)
    found = re.fullmatch(r"\D{0,5}(\d+)\D{0,5}", digits)  # $1650, 1650 USD, 1650 $
    if isinstance(typed, bool) or not found:
        return None
    number = int(found.group(1))
    schema = fact.schema.get("anyOf", [fact.schema])[0]
    return number if jsonschema.Draft202012Validator(schema).is_valid(number) else None


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


def _missing(full, facts, lines, file, root=ROOT) -> Finding:
    fact = _fact_of(full, facts, root)
    name = fact.what if fact else str(full[-1])
    parent = _setting(full[:-1], root)
    if isinstance(full[-2] if len(full) > 1 else None, int):
        what = f"entry {full[-2] + 1} of clinic.{full[0]} has no '{full[-1]}'."
    else:
        what = f"the setting {_setting(full, root)} ({name}) is missing under {parent}."
    fix = _fix(fact, None) if fact else ""
    return Finding(file, _line(lines, full, root), what, f"add it: {fix}".strip(": "), RULE)


def _ranges(clinic: dict, lines: dict, file: str) -> list[Finding]:
    """Facts that depend on each other: a range stated once, as two numbers in order."""
    sessions = clinic.get("sessions") or {}
    low, high = sessions.get("later_min"), sessions.get("later_max")
    if not (isinstance(low, int) and isinstance(high, int)):
        return []
    if low > high:
        return [
            Finding(
                file,
                _line(lines, ("sessions", "later_max")),
                f"clinic.sessions.later_max ({high}) is smaller than later_min ({low}).",
                "write the fewest later sessions in later_min and the most in later_max.",
                RULE,
            )
        ]
    # The same range in words beside it ("2 to 4 later sessions") says the same numbers.
    out = []
    for key, value in sessions.items():
        if not isinstance(value, str):
            continue
        for found in RANGE_IN_WORDS.finditer(value):
            said = (_as_number(found.group(1)), _as_number(found.group(2)))
            if said != (low, high):
                out.append(
                    Finding(
                        file,
                        _line(lines, ("sessions", key)),
                        f"clinic.sessions.{key} says “{found.group(0)}”, but later_min and "
                        f"later_max say {low} to {high}: the same page would show both.",
                        f"write the same numbers in both places (e.g. “{low} to {high}” here), "
                        "or change later_min and later_max.",
                        RULE,
                    )
                )
    return out


WORD_NUMBERS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
RANGE_IN_WORDS = re.compile(
    r"\b(\d{1,2}|"
    + "|".join(WORD_NUMBERS)
    + r")\s*(?:to|-|\u2013|or)\s*(\d{1,2}|"
    + "|".join(WORD_NUMBERS)
    + r")\b"
    # A range of time ("6 to 8 weeks" between sessions) is another fact, not a session count.
    + r"(?!\s*(?:days?|weeks?|months?|years?|hours?|minutes?)\b)",
    re.IGNORECASE,
)


def _as_number(text: str) -> int:
    return int(text) if text.isdigit() else WORD_NUMBERS[text.lower()]
