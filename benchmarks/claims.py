"""./run benchmark claims: the claims check against its labelled sentences, and its speed.

Recall (claims caught) and false-positive rate (honest sentences flagged) per kind, for the
concepts alone, the classifier alone and both together (a review-queue entry counts as
flagged), on:

- the development set (tests/data/claims/dev.yml): the classifier is trained on it, so its
  column there comes from 5-fold cross-validation (a model that never saw the sentence);
- the held-out sets (held_out.yml, held_out_2.yml): never trained or tuned on; the model as
  shipped (sitecheck/rules/claims/model.json);
- the training data's cross-validation (sitecheck/rules/claims/training/ and dev.yml), per kind,
  and the site's own sentences (site-pages.tsv) flagged in cross-validation;

then the time to run the whole claims check (concepts and classifier) on each page of docs/.
Cross-validation needs scikit-learn (`pip install` the `train` extra); without it that part is
skipped. `--errors` lists the development set's misses (never the held-out sets').
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devtools.claims_devset import HELD_OUT, HELD_OUT_2, TUNING, load_set  # noqa: E402
from sitecheck.rules.claims import review  # noqa: E402
from sitecheck.rules.claims.check import check_claims, find_claims, load_rules  # noqa: E402
from sitecheck.rules.claims.classifier import load_model  # noqa: E402
from sitecheck.rules.claims.concepts import RULES_FILE  # noqa: E402
from sitecheck.rules.claims.text import standing  # noqa: E402

RULES = ROOT / RULES_FILE
LAYERS = ("concepts", "classifier", "combined")


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


@dataclass
class Tally:
    claims: int = 0
    honest: int = 0
    caught: dict = None
    flagged: dict = None

    def __post_init__(self):
        self.caught = dict.fromkeys(LAYERS, 0)
        self.flagged = dict.fromkeys(LAYERS, 0)

    def add(self, claim: bool, concept: bool, learned: bool) -> None:
        hits = {"concepts": concept, "classifier": learned, "combined": concept or learned}
        if claim:
            self.claims += 1
            for layer in LAYERS:
                self.caught[layer] += hits[layer]
        else:
            self.honest += 1
            for layer in LAYERS:
                self.flagged[layer] += hits[layer]

    def merge(self, other: Tally) -> None:
        self.claims += other.claims
        self.honest += other.honest
        for layer in LAYERS:
            self.caught[layer] += other.caught[layer]
            self.flagged[layer] += other.flagged[layer]

    def cells(self) -> str:
        recall = [pct(self.caught[x] / self.claims) if self.claims else "-" for x in LAYERS]
        false = [pct(self.flagged[x] / self.honest) if self.honest else "-" for x in LAYERS]
        return f"{self.claims} | {' | '.join(recall)} | {self.honest} | {' | '.join(false)}"


HEADER = [
    "| Kind | Claims | Recall: concepts | classifier | combined | Honest | Flagged: concepts | "
    "classifier | combined |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
]


def table(tallies: dict[str, Tally]) -> list[str]:
    rows = list(HEADER)
    everything = Tally()
    for kind, tally in sorted(tallies.items()):
        rows.append(f"| {kind} | {tally.cells()} |")
        everything.merge(tally)
    rows.append(f"| **all** | {everything.cells()} |")
    return rows


def set_items(data: dict) -> list[tuple[str, bool, str]]:
    items = []
    for label in ("claims", "honest"):
        for kind, sentences in (data.get(label) or {}).items():
            items += [(s, label == "claims", kind) for s in sentences or []]
    return items


def tally_items(items, rules, learned) -> tuple[dict[str, Tally], list[str]]:
    tallies: dict[str, Tally] = {}
    errors = []
    for text, claim, kind in items:
        concept = bool(standing(find_claims(text, rules)))
        flagged = learned(text)
        tallies.setdefault(kind, Tally()).add(claim, concept, flagged)
        if claim and not (concept or flagged):
            errors.append(f"Missed: {text}")
        elif not claim and (concept or flagged):
            errors.append(f"Flagged honest ({'concept' if concept else 'classifier'}): {text}")
    return tallies, errors


def cross_validation(rules) -> tuple[dict, list[str]]:
    """Out-of-fold scores of every training sentence, with the shipped model's threshold."""
    try:
        from sitecheck.rules.claims import train
    except ImportError:  # pragma: no cover
        return {}, ["(scikit-learn is not installed: no cross-validation.)"]
    try:
        examples = train.load_examples(ROOT)
        scores = train.cross_val_scores(examples)
    except ImportError:
        return {}, [
            "(scikit-learn is not installed: `pip install -e .[train]`; no cross-validation.)"
        ]
    threshold = load_model(ROOT).threshold
    return {e.text: (e, s >= threshold) for e, s in zip(examples, scores, strict=True)}, []


def timing(rules, model_project: Path, runs: int = 5) -> list[str]:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    raw = {p: p.read_text(encoding="utf-8") for p in pages}
    per_page = {p: [] for p in pages}
    cpu_page = {p: [] for p in pages}
    whole = []
    load_model(model_project)  # read once per build, like the rules
    for _ in range(runs):
        started = time.perf_counter()
        for page in pages:
            t0, c0 = time.perf_counter(), time.process_time()
            file = f"docs/{page.relative_to(ROOT / 'docs')}"
            claims = check_claims(raw[page], file, rules)
            review.check_source(raw[page], file, claims, model_project)
            per_page[page].append(time.perf_counter() - t0)
            cpu_page[page].append(time.process_time() - c0)
        whole.append(time.perf_counter() - started)
    from sitecheck.rules.claims import classifier

    t0 = time.perf_counter()
    classifier.from_json((ROOT / classifier.MODEL_FILE).read_text(encoding="utf-8"))
    load_ms = (time.perf_counter() - t0) * 1000
    rows = [
        "| Page | Words | Median ms, wall (concepts + classifier) | Median ms, CPU |",
        "| --- | ---: | ---: | ---: |",
    ]
    medians, cpus = [], []
    for page in pages:
        ms = sorted(per_page[page])[runs // 2] * 1000
        cpu = sorted(cpu_page[page])[runs // 2] * 1000
        medians.append(ms)
        cpus.append(cpu)
        rows.append(
            f"| docs/{page.relative_to(ROOT / 'docs')} | {len(raw[page].split())} | {ms:.1f} | "
            f"{cpu:.1f} |"
        )
    rows += [
        "",
        f"Whole site ({len(pages)} files): median {sorted(whole)[runs // 2] * 1000:.0f} ms of "
        f"{runs} runs; slowest page {max(medians):.1f} ms, mean {sum(medians) / len(medians):.1f} "
        f"ms per page (CPU: slowest {max(cpus):.1f} ms, mean {sum(cpus) / len(cpus):.1f} ms). "
        f"Reading the model once per build: {load_ms:.0f} ms. Load average while "
        f"measuring: {', '.join(f'{x:.1f}' for x in os.getloadavg())}.",
    ]
    return rows


def report(show_errors: bool = False) -> list[str]:
    rules = load_rules(RULES)
    model = load_model(ROOT)
    out = []
    cv, notes = cross_validation(rules)
    out += notes

    def shipped(text: str) -> bool:
        return model.is_claim(text)

    def out_of_fold(text: str) -> bool:
        found = cv.get(text)
        return found[1] if found else model.is_claim(text)

    parts = (
        (TUNING, "development set (classifier: cross-validated)", out_of_fold if cv else shipped),
        (HELD_OUT, "held-out set, written before the matcher", shipped),
        (HELD_OUT_2, "second held-out set, written after tuning", shipped),
    )
    for name, title, learned in parts:
        tallies, errors = tally_items(set_items(load_set(name)), rules, learned)
        out += [f"### Claims check on the {title} (`tests/data/claims/{name}.yml`)", ""]
        out += [*table(tallies), ""]
        if show_errors and name == TUNING:  # never the held-out errors: they must stay unseen
            out += [*errors, ""]
    if cv:
        from sitecheck.rules.claims.train import PAGES_FILE

        blind = [
            (e.text, e.claim, e.kind)
            for e, _ in cv.values()
            if e.source not in (PAGES_FILE, "dev.yml")
        ]
        tallies, _ = tally_items(blind, rules, out_of_fold)
        out += [
            "### Training data, 5-fold cross-validation (sitecheck/rules/claims/training/, "
            "written blind; the threshold is chosen here and on the development set)",
            "",
            *table(tallies),
            "",
        ]
        pages = [e.text for e, _ in cv.values() if e.source == PAGES_FILE]
        flagged = sum(out_of_fold(t) for t in pages)
        out += [
            f"The site's own sentences (site-pages.tsv), cross-validated: {flagged} of "
            f"{len(pages)} flagged by the classifier ({pct(flagged / max(1, len(pages)))}).",
            "",
        ]
    out += [
        f"Model: {len(model.weights)} weights, threshold {model.threshold}, data sha256 "
        f"{model.data_sha256[:12]}.",
        "",
        "### Claims check speed (concepts and classifier on each page of docs/)",
        "",
        *timing(rules, ROOT),
    ]
    return out


if __name__ == "__main__":
    print("\n".join(report(show_errors="--errors" in sys.argv)))
