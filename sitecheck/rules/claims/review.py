"""The compliance review queue: sentences the classifier alone reads as claims.

A concept hit stops the build (check.py). A sentence no concept names but the classifier
(classifier.py) scores at or above its threshold is not refused by the build: it is a NOTICE,
shown in the preview box and listed in reports/claims-review.md, so editors can still preview.
`./run deploy` refuses (gate.py) until each one is rewritten or signed off in the committed
ledger claims-signoff.yml:

    signoffs:
      - sha256: 3f1c...                    # of the sentence's words, as the report prints it
        sentence: "Most people go home the same day."
        reason: States the usual course after the scalp injection; not a promise of results.
        reviewer: compliance officer       # a role, not a name
        date: 2026-12-07

The hash is of the sentence's words (lower case, punctuation and spacing ignored), so a
sign-off lasts until a word changes, and then lapses: the sentence is queued again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from sitecheck.core.finding import NOTICE, Finding
from sitecheck.core.markdown_source import line_of
from sitecheck.rules.claims.classifier import Model, load_model
from sitecheck.rules.claims.text import PARAGRAPH, is_question, normalise, units

RULE = "claims-review"
LEDGER_FILE = "claims-signoff.yml"  # at the project's root, committed
REPORT = Path("reports") / "claims-review.md"
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
MIN_WORDS = 3  # "[Kang 2021]", "Results" and the like are not sentences to judge
FIELDS = ("sha256", "sentence", "reason", "reviewer", "date")
MIN_REASON = 10


def words_of(sentence: str) -> str:
    return " ".join(WORD.findall(normalise(sentence).lower()))


def sentence_sha256(sentence: str) -> str:
    """What a sign-off is bound to: the sentence's words, nothing else."""
    return hashlib.sha256(words_of(sentence).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Queued:
    file: str
    line: int
    sentence: str
    sha256: str
    score: float


@dataclass(frozen=True)
class SignOff:
    sha256: str
    sentence: str
    reason: str
    reviewer: str
    date: str
    line: int


@dataclass
class Ledger:
    entries: dict[str, SignOff]
    problems: list[Finding]


def read_ledger(project: Path) -> Ledger:
    path = project / LEDGER_FILE
    try:
        info = path.stat()
    except OSError:
        return Ledger({}, [])
    return _read_ledger(str(path), (info.st_mtime_ns, info.st_size))


@lru_cache(maxsize=4)
def _read_ledger(path: str, version: tuple[int, int]) -> Ledger:
    text = Path(path).read_text(encoding="utf-8")
    problems: list[Finding] = []

    def problem(line: int, what: str, fix: str) -> None:
        problems.append(Finding(LEDGER_FILE, line, what, fix, RULE, NOTICE))

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem(
            mark.line + 1 if mark else 1,
            f"the sign-off ledger is not valid YAML ({getattr(err, 'problem', err)}).",
            "keep the layout of the example at the top of the file; quote sentences.",
        )
        return Ledger({}, problems)
    entries: dict[str, SignOff] = {}
    items = []
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "signoffs" and isinstance(value, yaml.SequenceNode):
                items = value.value
    today = dt.date.today()
    for node in items:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            problem(line, "a sign-off is not a list of fields.", f"give it {', '.join(FIELDS)}.")
            continue
        fields = {k.value: v.value for k, v in node.value if isinstance(v, yaml.ScalarNode)}
        missing = [f for f in FIELDS if not str(fields.get(f) or "").strip()]
        if missing:
            problem(
                line, f"a sign-off has no {', '.join(missing)}.", f"give it {', '.join(FIELDS)}."
            )
            continue
        entry = SignOff(*(" ".join(str(fields[f]).split()) for f in FIELDS), line)
        if entry.sha256 != sentence_sha256(entry.sentence):
            problem(
                line,
                "a sign-off's sha256 is not that of its sentence (the sentence was edited in the "
                "ledger, or copied wrongly).",
                f"copy the sentence and its sha256 from {REPORT.as_posix()}; the sentence's "
                f"sha256 is {sentence_sha256(entry.sentence)}.",
            )
            continue
        if len(entry.reason) < MIN_REASON:
            problem(line, "a sign-off gives no reason.", "say why the sentence may stay.")
            continue
        try:
            when = dt.date.fromisoformat(entry.date)
        except ValueError:
            when = None
        if when is None or when > today:
            problem(
                line,
                f"a sign-off's date '{entry.date}' is not a past date.",
                "write it as 2026-12-07.",
            )
            continue
        entries[entry.sha256] = entry
    return Ledger(entries, problems)


JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")  # macros: the built page's check reads them
LINK_BRACKETS = re.compile(r"\[([^\]\n]*)\]")


def sentences(claims):
    """(offset, sentence, context) for each sentence, heading, list item and table cell of a
    checked source that no concept hit and no claim-ok marker covers; `context` is what the
    classifier reads: the question before an answer ("Side effects? None.") is read with it."""
    text = claims.text
    if not text:
        return
    norm = normalise(text)
    hits, marked = claims.hit_starts, claims.marked
    previous = None
    for paragraph in PARAGRAPH.finditer(norm):
        for a, b, _ in units(norm, paragraph.start(), paragraph.end()):
            plain = LINK_BRACKETS.sub(r"\1", JINJA.sub(" ", text[a:b]).replace("*", " "))
            sentence = re.sub(r"\s+([.,;:!?)])", r"\1", " ".join(plain.split()))
            # The classifier reads the Markdown with its links: whether a source is cited counts.
            read = " ".join(JINJA.sub(" ", claims.shown[a:b]).split())
            context = f"{previous} {read}" if previous and is_question(previous) else read
            previous = sentence
            if len(WORD.findall(sentence)) < MIN_WORDS or any(a <= h < b for h in hits):
                continue
            if any(s <= a < e for s, e in marked):
                continue  # a claim-ok marker with its reason covers the paragraph
            yield a, sentence, context


def queue(raw: str, file: str, claims, model: Model) -> list[Queued]:
    """The sentences of one Markdown source the classifier flags and no concept does.
    `claims`: check_claims' result for the same source (its text, hits and markers)."""
    out = []
    for a, sentence, context in sentences(claims):
        score = model.score(context)
        if score >= model.threshold:
            out.append(Queued(file, line_of(raw, a), sentence, sentence_sha256(sentence), score))
    return out


def message(q: Queued, model: Model) -> Finding:
    return Finding(
        q.file,
        q.line,
        f"for compliance review: “{q.sentence}” reads like a medical claim to the claims "
        f"classifier (score {q.score:.2f}, threshold {model.threshold:.2f}), though no concept "
        "names it. The build goes on; ./run deploy refuses it until it is rewritten or signed off.",
        f"rewrite it without the claim, or have compliance sign it off in {LEDGER_FILE} "
        f"(sha256: {q.sha256}; with the sentence, the reason, the reviewer's role and the date). "
        f"The list is in {REPORT.as_posix()}.",
        RULE,
        NOTICE,
    )


def pending(raw: str, file: str, claims, project: Path) -> list[Queued]:
    """The queued sentences of one source that the ledger has not signed off."""
    model = load_model(project)
    if model is None:
        return []
    signed = read_ledger(project).entries
    return [q for q in queue(raw, file, claims, model) if q.sha256 not in signed]


def check_source(raw: str, file: str, claims, project: Path) -> list[Finding]:
    """The engine's source rule: one NOTICE per sentence awaiting review."""
    model = load_model(project)
    if model is None:
        return []
    # A broken sign-off is said once per build: the engine keeps each finding once.
    found = read_ledger(project).problems
    return found + [message(q, model) for q in pending(raw, file, claims, project)]


SENTENCE_IN = re.compile(
    r"“(?P<sentence>.*)” reads like a medical claim.*\(score (?P<score>[\d.-]+)"
)
SHA_IN = re.compile(r"sha256: (?P<sha>[0-9a-f]{64})")


def write_report(findings: list[Finding], project: Path) -> Path:
    """reports/claims-review.md: the queue (from the build's findings) and the ledger."""
    ledger = read_ledger(project)
    queued = [f for f in findings if f.rule == RULE and f.file != LEDGER_FILE]
    lines = [
        "# Claims review queue",
        "",
        "Sentences the claims classifier reads as claims though no concept names them. The build",
        "goes on; `./run deploy` refuses until each is rewritten or signed off in",
        f"`{LEDGER_FILE}` (a sign-off lapses when a word of the sentence changes).",
        "",
        f"## Awaiting review ({len(queued)})",
        "",
    ]
    for f in queued:
        said, sha = SENTENCE_IN.search(f.what), SHA_IN.search(f.fix)
        sentence = said["sentence"] if said else f.what
        lines += [
            f"- `{f.where}` (score {said['score'] if said else '?'}): {sentence}",
            "",
            "  ```yaml",
            f"  - sha256: {sha['sha'] if sha else ''}",
            f"    sentence: {yaml_quote(sentence)}",
            "    reason: ",
            "    reviewer: ",
            f"    date: {dt.date.today().isoformat()}",
            "  ```",
            "",
        ]
    if not queued:
        lines += ["None.", ""]
    lines += [f"## Signed off in {LEDGER_FILE} ({len(ledger.entries)})", ""]
    for entry in ledger.entries.values():
        lines.append(
            f"- {entry.sentence} — {entry.reason} ({entry.reviewer}, {entry.date}; "
            f"{LEDGER_FILE}:{entry.line})"
        )
    lines += [f"- {LEDGER_FILE}:{p.line}: {p.what} Fix: {p.fix}" for p in ledger.problems]
    target = project / REPORT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return target


def yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
