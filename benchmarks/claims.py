"""./run benchmark claims: the claims check against its labelled development set, and its speed.

Recall (claims caught) and false-positive rate (honest sentences flagged) per kind, on the tuning
part (tests/data/claims/dev.yml) and on the held-out fifth (held_out.yml) separately, then the
time to check each page of docs/ and the whole site.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitecheck.rules.claims.check import check_claims, load_rules  # noqa: E402
from sitecheck.rules.claims.concepts import RULES_FILE  # noqa: E402
from tests.checks.claims_devset import HELD_OUT, HELD_OUT_2, TUNING, Score, load_set, score, total  # noqa: E402

RULES = ROOT / RULES_FILE


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
    whole, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        for page in pages:
            t0 = time.perf_counter()
            check_claims(raw[page], f"docs/{page.relative_to(ROOT / 'docs')}", rules)
            per_page[page].append(time.perf_counter() - t0)
        whole.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    t0 = time.process_time()
    load_rules(RULES)
    load = time.process_time() - t0
    rows = ["| Page | Words | Median ms |", "| --- | ---: | ---: |"]
    for page in pages:
        ms = sorted(per_page[page])[runs // 2] * 1000
        rows.append(
            f"| docs/{page.relative_to(ROOT / 'docs')} | {len(raw[page].split())} | {ms:.1f} |"
        )
    rows += [
        "",
        f"Whole site ({len(pages)} files): median {sorted(whole)[runs // 2] * 1000:.0f} ms "
        f"(CPU {sorted(cpu)[runs // 2] * 1000:.0f} ms) of {runs} runs; reading the concepts file "
        f"once per build: CPU {load * 1000:.0f} ms. Load average while measuring: "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores shared).",
    ]
    return rows


def report(show_errors: bool = False) -> list[str]:
    rules = load_rules(RULES)
    out = []
    parts = (
        (TUNING, "tuning part"),
        (HELD_OUT, "held-out part, written before the matcher"),
        (HELD_OUT_2, "second held-out part, written after tuning"),
    )
    for name, title in parts:
        scores = score(load_set(name), rules)
        out += [
            f"### Claims check on the development set, {title} (`tests/data/claims/{name}.yml`)",
            "",
        ]
        out += [*score_table(scores), ""]
        if show_errors and name == TUNING:  # never the held-out errors: it must stay unseen
            all_ = total(scores)
            out += [f"Missed: {m}" for m in all_.misses]
            out += [f"Flagged honest: {f}" for f in all_.false_alarms] + [""]
    out += ["### Claims check speed (`check_claims` on each page of docs/)", "", *timing()]
    return out


if __name__ == "__main__":
    print("\n".join(report(show_errors="--errors" in sys.argv)))
