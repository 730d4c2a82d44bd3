"""Read the claims concepts (sitecheck/claims_rules.yml) into compiled patterns.

The reviewer's line syntax (spaces, word*, {WORDS}, ..., &, ^) is documented at the top of the
YAML file; this module turns it into regular expressions and reports a broken entry with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

try:
    from re import _parser as sre  # Python 3.11+
except ImportError:  # pragma: no cover - older Python
    import sre_parse as sre  # type: ignore[no-redef]

# A space in a line matches any run of spaces, line breaks, hyphens or emphasis marks.
SEPARATOR = r"[\s*_\-\u2013\u2014]"
GROUP = re.compile(r"\{([A-Z_]+)\}")
ENDING = re.compile(r"(?<=[A-Za-z])(?<!\\w)\*")  # "guarantee*": any ending
MAX_GAP = 6


class RulesError(Exception):
    """The rules file itself is broken: the editor must fix it before anything else."""


@dataclass
class Line:
    """One `claims` line: all its parts must match in the sentence (parts are joined by &)."""

    text: str
    parts: list[re.Pattern]
    # One of these (lower case) is in every match: if none is in the text, skip the regex.
    literals: tuple[str, ...] | None = None
    trigger: re.Pattern | None = None

    def __post_init__(self):
        self.trigger = quick(self.literals)

    def may_match(self, lower: str) -> bool:
        return self.trigger is None or self.trigger.search(lower) is not None


@dataclass
class Rule:
    """One concept: a kind of claim, with what the editor is told about it."""

    name: str
    why: str
    instead: str
    source: str
    lines: list[Line] = field(default_factory=list)
    id: str = ""
    not_when: list[re.Pattern] = field(default_factory=list)
    unless_near: list[re.Pattern] = field(default_factory=list)
    only_near: list[re.Pattern] = field(default_factory=list)
    other_treatments: bool = True
    trigger: re.Pattern | None = None  # any line's literals: skips the concept quickly

    def may_match(self, lower: str) -> bool:
        return self.trigger is None or self.trigger.search(lower) is not None


class Rules(list):
    """The concepts in file order, plus the shared word groups the engine itself uses."""

    other_treatments: re.Pattern | None = None


class Text(str):
    """A YAML string that remembers its line, for error messages."""

    line = 0


def to_python(loader: yaml.SafeLoader, node: yaml.Node):
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {str(to_python(loader, k)): to_python(loader, v) for k, v in node.value}
        out["__line__"] = line
        return out
    if isinstance(node, yaml.SequenceNode):
        return [to_python(loader, item) for item in node.value]
    value = loader.construct_object(node)
    if isinstance(value, str):
        value = Text(value)
        value.line = line
    elif not isinstance(value, bool) and value is not None:
        value = Text(str(value))
        value.line = line
    return value


def read_yaml(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            return to_python(loader, node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise RulesError(
            f"{path.name}:{mark.line + 1 if mark else 1}: the claims rules file is not valid YAML "
            f"({getattr(err, 'problem', err)}). Fix: keep the layout of the other concepts; put "
            "quotes around a line that starts with a special character ({ [ ' * & %)."
        ) from None


def split_spaces(phrase: str) -> list[str]:
    """Split at spaces outside [ ]: a character class keeps its spaces."""
    tokens, current, depth = [], "", 0
    for char in phrase:
        depth += char == "["
        depth -= char == "]"
        if char == " " and depth == 0:
            tokens.append(current)
            current = ""
        else:
            current += char
    return [*tokens, current]


class Compiler:
    def __init__(self, words: dict[str, list[str]], file: str):
        self.words, self.file, self.gaps = words, file, 0
        self.cache: dict[str, str] = {}

    def group(self, name: str, line: int, depth: int = 0) -> str:
        if name not in self.words:
            raise RulesError(
                f"{self.file}:{line}: {{{name}}} is not one of the word groups under 'words:'. "
                f"Fix: add '{name}:' with its words under 'words:', or correct the spelling."
            )
        if name not in self.cache:
            if depth > 5:
                raise RulesError(f"{self.file}:{line}: word group {{{name}}} refers to itself.")
            terms = [self.phrase(str(t), line, depth + 1, gaps=False) for t in self.words[name]]
            self.cache[name] = "(?:" + "|".join(terms) + ")"
        return self.cache[name]

    def phrase(self, phrase: str, line: int, depth: int = 0, gaps: bool = True) -> str:
        phrase = " ".join(phrase.split())
        phrase = GROUP.sub(lambda m: "\0" + m.group(1) + "\0", phrase)
        out, need_separator = [], False
        for token in split_spaces(phrase):
            if token == "..." and gaps:
                name = f"g{self.gaps}"
                self.gaps += 1
                out.append(rf"(?:\W+(?P<{name}>(?:[\w'%]+\W+){{0,{MAX_GAP}}}?))")
                need_separator = False
                continue
            piece = ENDING.sub(r"\\w*", token)
            piece = re.sub("\0([A-Z_]+)\0", lambda m: self.group(m.group(1), line, depth), piece)
            if need_separator:
                out.append(SEPARATOR if piece[:1] in "?*+" else SEPARATOR + "+")
            out.append(piece)
            need_separator = True
        return "".join(out)

    def pattern(self, phrase: str, line: int) -> re.Pattern:
        anchored = phrase.startswith("^")
        body = self.phrase(phrase.lstrip("^"), line)
        try:
            return re.compile(
                ("^" if anchored else "") + r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE
            )
        except re.error as err:
            raise RulesError(
                f"{self.file}:{line}: the line '{phrase}' cannot be read ({err}). Fix: check the "
                "brackets; write \\. for a full stop and \\? for a question mark."
            ) from None


def listed(item: dict, key: str) -> list[Text]:
    value = item.get(key) or []
    return [value] if isinstance(value, str) else list(value)


LIMIT = 120  # literal beginnings per line; beyond that the line is always tried
LONG_ENOUGH = 6  # characters: longer literals hardly make the quick test quicker


def starts(seq) -> list[tuple[str, bool]] | None:
    """The literal text a match of the parsed pattern can begin with, and whether it ends there."""
    out = [("", True)]
    for op, av in seq:
        done = [(s, False) for s, ends in out if not ends]
        going = [s for s, ends in out if ends]
        if going and min(map(len, going)) >= LONG_ENOUGH:
            return done + [(s, False) for s in going]
        nxt = step(op, av)
        if nxt is None:
            return done + [(s, False) for s in going]
        out = done + [(s + t, ends) for s in going for t, ends in nxt]
        if len(out) > LIMIT:
            return None
    return out


def step(op, av) -> list[tuple[str, bool]] | None:
    if op is sre.LITERAL:
        return [(chr(av).lower(), True)]
    if op in (sre.AT, sre.ASSERT_NOT, sre.ASSERT):
        return [("", True)]
    if op is sre.SUBPATTERN:
        return starts(av[-1])
    if op is sre.BRANCH:
        options = [starts(branch) for branch in av[1]]
        return None if None in options else [o for opt in options for o in opt]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, item = av
        inner = starts(item)
        if inner is None:
            return None
        if inner == [(" ", True)]:  # a run of separators is one space in gate_text()
            return ([("", True)] if low == 0 else []) + inner
        if high != 1:  # it may repeat: what follows is unknown
            inner = [(s, False) for s, _ in inner]
        return ([("", True)] if low == 0 else []) + inner
    if op is sre.IN and (sre.CATEGORY, sre.CATEGORY_SPACE) in av:
        return [(" ", True)]  # a separator: gate_text() turns every run of them into one space
    if op is sre.IN and len(av) <= 4 and all(o is sre.LITERAL for o, _ in av):
        return [(chr(c).lower(), True) for _, c in av]
    return None


def quick(texts) -> re.Pattern | None:
    """Plain literals in one alternation: Python's re scans these fast."""
    if texts is None:
        return None
    return re.compile("|".join(re.escape(t) for t in sorted(set(texts), key=len, reverse=True)))


def literals(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Texts (lower case, separators as one space) one of which is in every match: a quick test
    before the regex. From the required part of the pattern whose texts are longest."""
    try:
        seq = list(sre.parse(pattern.pattern, 0).data)
    except Exception:  # a pattern this reader does not know: always run the regex
        return None
    best: tuple[int, set[str]] | None = None
    tried = 0
    for index, (op, av) in enumerate(seq):
        if tried == 8 or (best and best[0] >= LONG_ENOUGH):
            break
        if op in (sre.AT, sre.ASSERT_NOT, sre.ASSERT):
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0:
            continue
        tried += 1
        found = starts(seq[index:])
        texts = {s.strip() for s, _ in found or []}
        if texts and "" not in texts:
            shortest = min(map(len, texts))
            if best is None or shortest > best[0]:
                best = (shortest, texts)
    if best is None or best[0] < 3:
        return None
    # A required text's beginning is required too: short beginnings make a small, quick test.
    return tuple(sorted({t[:LONG_ENOUGH] for t in best[1]}))


SEPARATOR_RUN = re.compile(SEPARATOR + "+")


def gate_text(lower: str) -> str:
    """Lower-cased text with every run of separators as one space, for the quick tests."""
    return SEPARATOR_RUN.sub(" ", lower)


def load_rules(path: Path) -> Rules:
    data = read_yaml(path)
    file = path.name
    groups = data.get("words") or {}
    words = {str(k): listed(groups, k) for k in groups if k != "__line__"}
    compiler = Compiler(words, file)
    items = data.get("concepts")
    if items is None:
        items = data.get("rules")  # the older layout: a list of rules with `patterns`
    rules = Rules()
    for number, item in enumerate(items or [], start=1):
        if not isinstance(item, dict):
            raise RulesError(
                f"{file}: concept {number} is not a list of fields. "
                "Fix: start it with '- name:' like the others."
            )
        line = item["__line__"]
        name = str(item.get("name") or f"concept {number}")
        claims = listed(item, "claims") or listed(item, "patterns")
        missing = [k for k, v in (("claims", claims),) if not v]
        missing += [k for k in ("why", "instead", "source") if not item.get(k)]
        if missing:
            raise RulesError(
                f"{file}:{line}: concept '{name}' has no {', '.join(missing)}. "
                "Fix: every concept needs claims, why, instead and source."
            )
        rule = Rule(
            name=name,
            id=str(item.get("id") or name),
            why=" ".join(str(item["why"]).split()),
            instead=" ".join(str(item["instead"]).split()),
            source=str(item["source"]),
            other_treatments=item.get("other_treatments", True) not in (False, "no"),
        )
        for text in claims:
            at = getattr(text, "line", line)
            parts = [compiler.pattern(p.strip(), at) for p in str(text).split(" & ")]
            rule.lines.append(Line(str(text), parts, literals(parts[0])))
        texts = [t for line in rule.lines for t in (line.literals or ())]
        if all(line.literals for line in rule.lines):
            rule.trigger = quick(texts)
        for key in ("not_when", "unless_near", "only_near"):
            for text in listed(item, key) or listed(
                item, "allowed_phrases" if key == "not_when" else key
            ):
                getattr(rule, key).append(compiler.pattern(str(text), getattr(text, "line", line)))
        rules.append(rule)
    if not rules:
        raise RulesError(f"{file}: no concepts found. Fix: keep the 'concepts:' list.")
    if "OTHER_TREATMENTS" in words:
        rules.other_treatments = compiler.pattern("{OTHER_TREATMENTS}", 1)
    return rules
