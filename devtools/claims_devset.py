"""Score the claims check against its labelled development set (tests/data/claims/).

Used by tests/test_claims_devset.py (the regression guard) and `./run benchmark claims`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitecheck.rules.claims.check import find_claims

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "claims"
TUNING, HELD_OUT, HELD_OUT_2 = "dev", "held_out", "held_out_2"


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
