"""./run benchmark claims: the claims check against its labelled development set, and its speed.

Recall (claims caught) and false-positive rate (honest sentences flagged) per kind, on the tuning
part (tests/data/claims/dev.yml) and on the held-out fifth (held_out.yml) separately, then the
time to check each page of docs/ and the whole site.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitecheck.claims import check_claims, find_claims, load_rules  # noqa: E402

DATA = ROOT / "tests" / "data" / "claims"
RULES = ROOT / "sitecheck" / "claims_rules.yml"


@dataclass
class Score:
    claims: int = 0
    caught: int = 0
    right_kind: int = 0
    honest: int = 0
    flagged: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("claims", "caught", "right_kind", "honest", "flagged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.false_alarms += other.false_alarms

    @property
    def recall(self) -> float:
        return self.caught / self.claims if self.claims else 1.0

    @property
    def false_positive_rate(self) -> float:
        return self.flagged / self.honest if self.honest else 0.0


def load_set(name: str) -> dict:
    return yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))


def score(data: dict, rules) -> dict[str, Score]:
    """Per kind; a claim counts as caught when any concept flags it (the editor must rewrite)."""
    by_id = {rule.id: rule.name for rule in rules}
    scores: dict[str, Score] = {}
    for kind, sentences in (data.get("claims") or {}).items():
        s = scores.setdefault(kind, Score())
        for sentence in sentences:
            hits = find_claims(sentence, rules)
            s.claims += 1
            s.caught += bool(hits)
            s.right_kind += any(h.concept == by_id.get(kind) for h in hits)
            if not hits:
                s.misses.append(sentence)
    for kind, sentences in (data.get("honest") or {}).items():
        s = scores.setdefault(kind, Score())
        for sentence in sentences:
            hits = find_claims(sentence, rules)
            s.honest += 1
            s.flagged += bool(hits)
            if hits:
                s.false_alarms.append(f"{sentence}  [{hits[0].concept}: {hits[0].phrase}]")
    return scores


def total(scores: dict[str, Score]) -> Score:
    out = Score()
    for s in scores.values():
        out.add(s)
    return out


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def score_table(scores: dict[str, Score]) -> list[str]:
    rows = [
        "| Kind | Claims | Caught | Recall | Right kind | Honest | Flagged | False positives |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, s in [*sorted(scores.items()), ("**all**", total(scores))]:
        rows.append(
            f"| {kind} | {s.claims} | {s.caught} | {pct(s.recall)} | {s.right_kind} | "
            f"{s.honest} | {s.flagged} | {pct(s.false_positive_rate)} |"
        )
    return rows


def timing(runs: int = 5) -> list[str]:
    rules = load_rules(RULES)
    pages = sorted((ROOT / "docs").rglob("*.md"))
    raw = {p: p.read_text(encoding="utf-8") for p in pages}
    per_page = {p: [] for p in pages}
    whole = []
    for _ in range(runs):
        started = time.perf_counter()
        for page in pages:
            t0 = time.perf_counter()
            check_claims(raw[page], f"docs/{page.relative_to(ROOT / 'docs')}", rules)
            per_page[page].append(time.perf_counter() - t0)
        whole.append(time.perf_counter() - started)
    t0 = time.perf_counter()
    load_rules(RULES)
    load = time.perf_counter() - t0
    rows = ["| Page | Words | Median ms |", "| --- | ---: | ---: |"]
    for page in pages:
        ms = sorted(per_page[page])[runs // 2] * 1000
        rows.append(f"| docs/{page.relative_to(ROOT / 'docs')} | {len(raw[page].split())} | {ms:.1f} |")
    rows += [
        "",
        f"Whole site ({len(pages)} files): median {sorted(whole)[runs // 2] * 1000:.0f} ms "
        f"of {runs} runs; reading the concepts file: {load * 1000:.0f} ms.",
    ]
    return rows


def report(show_errors: bool = False) -> list[str]:
    rules = load_rules(RULES)
    out = []
    for name, title in (("dev", "tuning part"), ("held_out", "held-out fifth")):
        scores = score(load_set(name), rules)
        out += [f"### Claims check on the development set, {title} (`tests/data/claims/{name}.yml`)", ""]
        out += [*score_table(scores), ""]
        if show_errors and name == "dev":  # never the held-out errors: it must stay unseen
            all_ = total(scores)
            out += [f"Missed: {m}" for m in all_.misses]
            out += [f"Flagged honest: {f}" for f in all_.false_alarms] + [""]
    out += ["### Claims check speed (`check_claims` on each page of docs/)", "", *timing()]
    return out


if __name__ == "__main__":
    print("\n".join(report(show_errors="--errors" in sys.argv)))
