"""Medical claims the evidence does not support, from a rules file compliance can edit.

A claim is a rule's phrase that is not negated earlier in its clause ("no treatment is 100%
effective"), not inside a question ("Is it permanent?") and not covered by an allow marker with a
reason (`<!-- claim-ok: quoting the article to correct it -->`) on the same line or alone on
the line before the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .finding import Finding
from .source import blocks, line_of, without_code

# A space in a rule matches any run of spaces, line breaks, hyphens or emphasis marks.
SEPARATOR = r"[\s*_\-\u2013\u2014]"
MARKER = re.compile(r"<!--\s*claim-ok\b\s*:?(?P<reason>.*?)-->", re.DOTALL)
MIN_REASON = 10
NEGATIONS = re.compile(
    r"\b(no|not|never|none|nobody|nothing|neither|nor|cannot|can't|don't|doesn't|didn't|isn't|"
    r"aren't|wasn't|weren't|won't|wouldn't|shouldn't|hasn't|haven't|beware|wary|cautious|"
    r"careful|suspicious|sceptical|skeptical|avoid|unlikely to)\b"
)
# Phrases that contain a negation word but do not negate the claim after them.
NOT_NEGATIONS = re.compile(
    r"\b(not only|no matter|no doubt|no wonder|no question|nothing but|never been)\b"
)
# Said later in the same sentence: the sentence reports the claim in order to reject it
# ("a cure does not exist", "some clinics advertise instant results; trials do not support this").
REJECTED_AFTER = re.compile(
    r"\b((is|are|was|were) (not (true|available|possible|proven|supported|approved)|misleading|"
    r"false|untrue|wrong|a myth|exaggerated|unproven)|(does|do|did) not (exist|support)|"
    r"not supported by|(has|have) not been (shown|proven|found))\b"
)
# Clause and item boundaries: a negation before one of these belongs to another statement.
CLAUSE_BREAK = re.compile(
    r"[.!?;:,()|\u2014\u2013]|\n\s*(?:[-*+]|\d+\.|#+|>)\s|\n\s*\n|\b(but|and|so|because|although|"
    r"though|while|however|yet|if|unless)\b"
)
LOOKBACK_WORDS = 8


class RulesError(Exception):
    """The rules file itself is broken: the editor must fix it before anything else."""


@dataclass
class Rule:
    name: str
    patterns: list[re.Pattern]
    why: str
    instead: str
    source: str
    allowed: list[re.Pattern] = field(default_factory=list)
    only_near: list[re.Pattern] = field(default_factory=list)


@dataclass(frozen=True)
class Allowed:
    """A quotation an allow marker lets through, for the compliance report."""

    file: str
    line: int
    reason: str
    claims: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: allowed ({self.reason}): {', '.join(self.claims)}"


@dataclass
class ClaimsResult:
    findings: list[Finding] = field(default_factory=list)
    allowed: list[Allowed] = field(default_factory=list)


def compile_phrase(phrase: str) -> re.Pattern:
    out, depth = [], 0
    phrase = phrase.strip()
    for index, char in enumerate(phrase):
        depth += char == "["
        depth -= char == "]"
        if char == " " and depth == 0:
            # "100 ?%": the reviewer's own ? or * after a space decides how many separators.
            following = phrase[index + 1 : index + 2]
            out.append(SEPARATOR if following in ("?", "*", "+") else SEPARATOR + "+")
        else:
            out.append(char)
    return re.compile(r"(?<!\w)(?:" + "".join(out) + r")(?!\w)", re.IGNORECASE)


def load_rules(path: Path) -> list[Rule]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise RulesError(
            f"{path.name}:{mark.line + 1 if mark else 1}: the claims rules file is not valid YAML "
            f"({getattr(err, 'problem', err)}). Fix: keep the layout of the other rules; put "
            "quotes around a pattern that starts with a special character."
        ) from None
    rules = []
    for number, item in enumerate((data or {}).get("rules") or [], start=1):
        name = item.get("name") or f"rule {number}"
        missing = [k for k in ("patterns", "why", "instead", "source") if not item.get(k)]
        if missing:
            raise RulesError(
                f"{path.name}: rule '{name}' has no {', '.join(missing)}. "
                "Fix: every rule needs patterns, why, instead and source."
            )
        try:
            rules.append(
                Rule(
                    name=name,
                    patterns=[compile_phrase(str(p)) for p in item["patterns"]],
                    why=" ".join(str(item["why"]).split()),
                    instead=" ".join(str(item["instead"]).split()),
                    source=str(item["source"]),
                    allowed=[compile_phrase(str(p)) for p in item.get("allowed_phrases") or []],
                    only_near=[compile_phrase(str(p)) for p in item.get("only_near") or []],
                )
            )
        except re.error as err:
            raise RulesError(
                f"{path.name}: rule '{name}' has a pattern that cannot be read ({err}). "
                "Fix: check the brackets; write \\. for a full stop and \\? for a question mark."
            ) from None
    if not rules:
        raise RulesError(f"{path.name}: no rules found. Fix: keep the 'rules:' list.")
    return rules


def clause_before(text: str, start: int) -> str:
    before = text[:start]
    cut = 0
    for cut_match in CLAUSE_BREAK.finditer(before):
        cut = cut_match.end()
    return before[cut:]


def is_negated(text: str, start: int, end: int) -> bool:
    clause = NOT_NEGATIONS.sub(" ", clause_before(text, start).lower().replace("\u2019", "'"))
    words = clause.split()[-LOOKBACK_WORDS:]
    if NEGATIONS.search(" ".join(words)):
        return True
    sentence_end = re.search(r"[.!?](?=\s|$)|\n\s*\n", text[end:])
    rest = text[end : end + sentence_end.start() if sentence_end else len(text)]
    return bool(REJECTED_AFTER.search(" ".join(rest.lower().split())))


def is_question(text: str, end: int) -> bool:
    stop = re.search(r"[.!?](?=\s|$)|\n\s*\n", text[end:])
    return bool(stop) and stop.group(0) == "?"


def covered_by_allowed(rule: Rule, text: str, start: int, end: int) -> bool:
    return any(
        m.start() < end and start < m.end()
        for pattern in rule.allowed
        for m in pattern.finditer(text, max(0, start - 60), min(len(text), end + 60))
    )


def markers(raw: str, clean: str, file: str) -> tuple[list[tuple[int, int, str, int]], list]:
    """Each marker's covered span (start, end, reason, line) and findings for broken markers."""
    spans, problems = [], []
    paragraphs = blocks(clean)
    for marker in MARKER.finditer(raw):
        line = line_of(raw, marker.start())
        reason = " ".join(marker.group("reason").split())
        if len(reason) < MIN_REASON:
            problems.append(
                Finding(
                    file,
                    line,
                    "a claim-ok marker has no reason.",
                    "say why the claim may stay, e.g. "
                    "<!-- claim-ok: quoting the clinic article to correct it -->.",
                )
            )
            continue
        same_line = next((b for b in paragraphs if b.start <= marker.start() < b.end), None)
        target = same_line or next((b for b in paragraphs if b.start > marker.start()), None)
        if target:
            spans.append((target.start, target.end, reason, line))
    return spans, problems


def any_claim(rules: list[Rule]) -> re.Pattern | None:
    """One pattern that matches wherever any rule's pattern could (re caches the compile)."""
    joined = "|".join(f"(?:{p.pattern})" for rule in rules for p in rule.patterns)
    try:
        return re.compile(joined, re.IGNORECASE) if joined else None
    except re.error:  # e.g. two rules reuse a group name: then every rule scans every block
        return None


def check_claims(raw: str, file: str, rules: list[Rule]) -> ClaimsResult:
    result = ClaimsResult()
    with_comments = without_code(raw, keep_comments=True, keep_shown_fields=True)
    text = without_code(raw, keep_shown_fields=True)
    spans, result.findings = markers(with_comments, text, file)
    used: dict[int, list[str]] = {}
    gate = any_claim(rules)
    for block in blocks(text):
        if gate is not None and not gate.search(block.text):
            continue  # no rule can match here: skip the many separate scans below
        for rule in rules:
            if rule.only_near and not any(p.search(block.text) for p in rule.only_near):
                continue
            seen = set()
            for pattern in rule.patterns:
                for match in pattern.finditer(block.text):
                    start, end = match.start(), match.end()
                    if (
                        any(start < e and s < end for s, e in seen)
                        or covered_by_allowed(rule, block.text, start, end)
                        or is_negated(block.text, start, end)
                        or is_question(block.text, end)
                    ):
                        continue
                    seen.add((start, end))
                    phrase = " ".join(match.group(0).split())
                    at = block.start + start
                    cover = next((i for i, s in enumerate(spans) if s[0] <= at < s[1]), None)
                    if cover is not None:
                        used.setdefault(cover, []).append(phrase)
                        continue
                    result.findings.append(
                        Finding(
                            file,
                            line_of(raw, at),
                            f"medical claim “{phrase}” ({rule.name}): {rule.why}",
                            f"{rule.instead} Source: {rule.source}. If you are quoting the claim "
                            "on purpose, put <!-- claim-ok: your reason --> at the end of the line.",
                        )
                    )
    for index, (_, _, reason, line) in enumerate(spans):
        if index in used:
            result.allowed.append(Allowed(file, line, reason, tuple(used[index])))
        else:
            result.findings.append(
                Finding(
                    file,
                    line,
                    "a claim-ok marker allows nothing: no claim follows it.",
                    "remove the marker, or put it on the line with the quoted claim.",
                )
            )
    return result
