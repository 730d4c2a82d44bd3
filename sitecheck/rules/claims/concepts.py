"""Read the claims concepts (sitecheck/rules/claims/rules.yml) into compiled patterns.

The reviewer's line syntax (spaces, word*, {WORDS}, ..., &, ^) is documented at the top of the
YAML file; this module turns it into regular expressions and reports a broken entry with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from sitecheck.rules.claims.classifier import MODEL_FILE, Model, load_model_file

try:
    from re import _parser as sre  # Python 3.11+
except ImportError:  # pragma: no cover - older Python
    import sre_parse as sre  # type: ignore[no-redef]

RULES_FILE = "sitecheck/rules/claims/rules.yml"  # relative to the project


def shown(path: Path) -> str:
    """The file as the compliance reviewer finds it: RULES_FILE for the project's own."""
    return RULES_FILE if path.as_posix().endswith(RULES_FILE) else path.name


# A space in a line matches any run of spaces, line breaks, hyphens or emphasis marks.
SEPARATOR = r"[\s*_\-\u2013\u2014]"
GROUP = re.compile(r"\{([A-Z_]+)\}")
ENDING = re.compile(r"(?<=[A-Za-z])(?<!\\w)\*")  # "guarantee*": any ending
MAX_GAP = 8


class RulesError(Exception):
    """The rules file itself is broken: the editor must fix it before anything else."""


class Pattern:
    """A concept's regex: read (and so checked) with the file, compiled at its first use.
    Most lines never meet a sentence with their words, and compiling all 280 was most of
    the engine's start-up."""

    def __init__(self, pattern: str, flags: int, parsed):
        self.pattern, self.flags, self.parsed = pattern, flags, parsed

    def compile(self) -> re.Pattern:
        compiled = re.compile(self.pattern, self.flags)
        # From now on the compiled methods answer directly (instance attributes come first).
        self.search, self.finditer = compiled.search, compiled.finditer
        self.parsed = None  # only word_start_sets reads it, at load time
        return compiled

    def __getstate__(self) -> dict:
        # Kept as written: compiled at first use.
        return {"pattern": self.pattern, "flags": self.flags}

    def __setstate__(self, state: dict) -> None:
        self.pattern, self.flags, self.parsed = state["pattern"], state["flags"], None

    def search(self, text: str):
        return self.compile().search(text)

    def finditer(self, text: str):
        return self.compile().finditer(text)


@dataclass
class Line:
    """One `claims` line: all its parts must match in the sentence (parts are joined by &)."""

    text: str
    parts: list[Pattern]
    # Every match has a word starting with one of these: if the text has none, skip the regex.
    starts: frozenset[str] | None = None
    # The line's other required words, tested the same way once `starts` has passed.
    also: tuple[frozenset[str], ...] = ()

    def also_match(self, prefixes: set[str]) -> bool:
        return all(not words.isdisjoint(prefixes) for words in self.also)


@dataclass
class Rule:
    """One concept: a kind of claim, with what the editor is told about it."""

    name: str
    why: str
    instead: str
    source: str
    lines: list[Line] = field(default_factory=list)
    id: str = ""
    not_when: list[Pattern] = field(default_factory=list)
    unless_near: list[Pattern] = field(default_factory=list)
    only_near: list[Pattern] = field(default_factory=list)
    other_treatments: bool = True
    # A figure the sentence may state only with a source cited on it (issue 29: numbers).
    needs_source: bool = False
    # False: the classifier's stance never excuses a hit (`stance: no` in rules.yml), for a
    # concept whose honest uses its not_when lines already list, such as a dated offer.
    stance: bool = True
    starts: frozenset[str] | None = None  # any line's word starts: skips the concept quickly

    def may_match(self, prefixes: set[str]) -> bool:
        return self.starts is None or not self.starts.isdisjoint(prefixes)


class Rules(list):
    """The concepts in file order, plus the shared word groups the engine itself uses."""

    other_treatments: Pattern | None = None
    stance: Model | None = None  # the classifier beside rules.yml, which vetoes denied claims
    _index: tuple[dict[str, list[tuple[int, int]]], list[tuple[int, int]], frozenset] | None = None

    def lines_for(self, prefixes: set[str]) -> dict[int, list[Line]]:
        """Per concept (by position), its lines whose quick word test passes for this text, in
        file order. Looked up word beginning by word beginning, instead of trying every line
        of every concept on every sentence."""
        if self._index is None:
            by_start: dict[str, list[tuple[int, int]]] = {}
            always: list[tuple[int, int]] = []
            for r, rule in enumerate(self):
                for n, line in enumerate(rule.lines):
                    if line.starts is None:
                        always.append((r, n))
                    for start in line.starts or ():
                        by_start.setdefault(start, []).append((r, n))
            self._index = (by_start, always, frozenset(by_start))
        by_start, always, known = self._index
        pairs = set(always)
        for prefix in known.intersection(prefixes):  # a few of the text's hundred beginnings
            pairs.update(by_start[prefix])
        out: dict[int, list[Line]] = {}
        for r, n in sorted(pairs):
            line = self[r].lines[n]
            if line.also_match(prefixes):
                out.setdefault(r, []).append(line)
        return out


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
            f"{shown(path)}:{mark.line + 1 if mark else 1}: the claims rules file is not valid YAML "
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

    def pattern(self, phrase: str, line: int) -> Pattern:
        anchored = phrase.startswith("^")
        body = self.phrase(phrase.lstrip("^"), line)
        source = ("^" if anchored else "") + r"(?<!\w)(?:" + body + r")(?!\w)"
        try:
            parsed = sre.parse(source, re.IGNORECASE)
            check_lookbehinds(parsed)  # the one error re.compile finds that parsing does not
            return Pattern(source, re.IGNORECASE, parsed)
        except re.error as err:
            raise RulesError(
                f"{self.file}:{line}: the line '{phrase}' cannot be read ({err}). Fix: check the "
                "brackets; write \\. for a full stop and \\? for a question mark."
            ) from None


def check_lookbehinds(parsed) -> None:
    for op, av in parsed:
        if op in (sre.ASSERT, sre.ASSERT_NOT) and av[0] < 0:
            low, high = av[1].getwidth()
            if low != high:
                raise re.error("look-behind requires fixed-width pattern")
        for child in subpatterns(av):
            check_lookbehinds(child)


def subpatterns(value):
    if isinstance(value, sre.SubPattern):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from subpatterns(item)


def listed(item: dict, key: str) -> list[Text]:
    value = item.get(key) or []
    return [value] if isinstance(value, str) else list(value)


LIMIT = 120  # literal beginnings followed at once; beyond that, the ones so far are kept
LONG_ENOUGH = 6  # letters of a word's beginning: longer ones hardly make the test quicker


def starts(seq) -> list[tuple[str, bool]] | None:
    """The literal text a match of the parsed pattern can begin with, and whether it ends there."""
    out = [("", True)]
    for op, av in seq:
        done = [(s, False) for s, ends in out if not ends]
        going = [s for s, ends in out if ends]
        if going and min(map(len, going)) >= LONG_ENOUGH:
            return done + [(s, False) for s in going]
        nxt = step(op, av)
        if nxt is None or len(going) * len(nxt) > LIMIT:  # unknown, or enough to go on
            return done + [(s, False) for s in going]
        out = done + [(s + t, ends) for s in going for t, ends in nxt]
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
        if inner == [(" ", True)]:  # a run of separators: one space ends the word
            return ([("", True)] if low == 0 else []) + inner
        if high != 1:  # it may repeat: what follows is unknown
            inner = [(s, False) for s, _ in inner]
        return ([("", True)] if low == 0 else []) + inner
    if op is sre.IN and (sre.CATEGORY, sre.CATEGORY_SPACE) in av:
        return [(" ", True)]  # a separator: the word before it ends here
    if op is sre.IN and len(av) <= 4 and all(o is sre.LITERAL for o, _ in av):
        return [(chr(c).lower(), True) for _, c in av]
    return None


def is_separator(op, av) -> bool:
    """A required run of separators: the next element starts a word."""
    return op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1 and starts(av[2]) == [(" ", True)]


def word_start_sets(pattern: Pattern) -> list[frozenset[str]]:
    """For each required word of the pattern (up to 8), the beginnings (lower case, up to 6
    letters) one of which every match has; the longest beginnings first. Empty when the
    pattern is one this reader does not know: then the regex always runs."""
    parsed = pattern.parsed if pattern.parsed is not None else sre.parse(pattern.pattern)
    seq = list(parsed.data)
    groups = parsed.state.groupdict
    gap_groups = {i for name, i in groups.items() if name.startswith("g")}
    found_sets: list[tuple[int, frozenset[str]]] = []
    tried, word_start = 0, True
    for index, (op, av) in enumerate(seq):
        if tried == 8:
            break
        if op in (sre.AT, sre.ASSERT_NOT, sre.ASSERT):
            continue
        gap = op is sre.SUBPATTERN and av[0] in gap_groups  # "...": ends before a word
        was_word_start, word_start = word_start, is_separator(op, av) or gap
        if not was_word_start or (op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0):
            continue
        tried += 1
        found = starts(seq[index:])
        texts = {WORD.match(s).group(0) if WORD.match(s) else "" for s, _ in found or []}
        if texts and "" not in texts:
            # A required word's beginning is required too: short ones make a small, quick test.
            found_sets.append((min(map(len, texts)), frozenset(t[:LONG_ENOUGH] for t in texts)))
    # The longest first; among equals the earliest, as the single test always took.
    order = sorted(range(len(found_sets)), key=lambda i: (-min(found_sets[i][0], LONG_ENOUGH), i))
    return [found_sets[i][1] for i in order]


WORD = re.compile(r"[\w'%]+")


@lru_cache(maxsize=1 << 16)
def word_prefixes(word: str) -> frozenset[str]:
    return frozenset(word[:k] for k in range(1, LONG_ENOUGH + 1))


def prefixes(lower: str) -> set[str]:
    """Every beginning (1 to 6 letters) of every word in the lower-cased text."""
    return set().union(*map(word_prefixes, WORD.findall(lower)))


def load_rules(path: Path, stance: bool = True) -> Rules:
    """The concepts of `path`, with the classifier saved beside it (model.json) unless
    `stance` is False (training reads the concepts alone)."""
    data = read_yaml(path)
    file = shown(path)
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
            needs_source=item.get("needs_source", False) in (True, "yes"),
            stance=item.get("stance", True) not in (False, "no"),
        )
        for text in claims:
            at = getattr(text, "line", line)
            parts = [compiler.pattern(p.strip(), at) for p in str(text).split(" & ")]
            sets = word_start_sets(parts[0])
            first = sets[0] if sets else None
            rule.lines.append(Line(str(text), parts, first, tuple(sets[1:])))
        if all(line.starts for line in rule.lines):
            rule.starts = frozenset().union(*(line.starts for line in rule.lines))
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
    if stance:
        rules.stance = load_model_file(path.parent / Path(MODEL_FILE).name)
    return rules
