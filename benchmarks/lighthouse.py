"""Lighthouse (npm, pinned in benchmarks/package.json) on every page: mobile, median of 3 runs."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.report import markdown_table
from devtools.chromium import CHROMIUM_ARGS
from devtools.programs import CHROMIUM

HERE = Path(__file__).resolve().parent
CLI = HERE / "node_modules" / ".bin" / "lighthouse"
# The test suite's Chromium and flags (one look-up), headless as Lighthouse launches it itself.
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
AUDITS = {
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
}


@dataclass
class Score:
    page: str
    runs: list[dict]

    def median(self, key: str) -> float:
        return statistics.median(run[key] for run in self.runs)

    def meets_targets(self) -> bool:
        """This round's targets: 100 in all four, largest contentful paint under 1.2 s, no
        layout shift."""
        return (
            all(self.median(c) == 100 for c in CATEGORIES)
            and self.median("lcp_ms") < 1200
            and round(self.median("cls"), 2) == 0
        )


def ensure_installed() -> None:
    """Install the pinned Lighthouse from package-lock.json on first use (npm ci)."""
    if CLI.exists():
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)


def run_once(url: str) -> dict:
    chrome = os.environ.get("CHROME_PATH") or CHROMIUM.path()
    if not chrome:
        raise FileNotFoundError(CHROMIUM.missing_message())
    env = {**os.environ, "CHROME_PATH": chrome}
    args = [
        str(CLI),
        url,
        "--quiet",
        "--output=json",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--form-factor=mobile",
    ]
    with tempfile.TemporaryDirectory(prefix="bench-lh-") as tmp:
        out = Path(tmp) / "report.json"
        # Lighthouse sometimes loses its browser on a busy machine: one more try, said aloud;
        # a second failure stops the benchmark with Lighthouse's own words.
        for attempt in (1, 2):
            run = subprocess.run(
                [*args, f"--output-path={out}"], env=env, capture_output=True, text=True
            )
            if run.returncode == 0:
                break
            said = (run.stderr or run.stdout).strip().splitlines()[-3:]
            if attempt == 2:
                raise RuntimeError(f"Lighthouse failed twice on {url}: " + " / ".join(said))
            print(f"lighthouse: {url} failed ({' / '.join(said)}); running it again")
        report = json.loads(out.read_text(encoding="utf-8"))
    result = {c: 100 * (report["categories"][c]["score"] or 0) for c in CATEGORIES}
    for key, audit in AUDITS.items():
        result[key] = report["audits"][audit].get("numericValue") or 0.0
    result["failed"] = sorted(
        audit_id
        for c in CATEGORIES
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"]) in report["audits"]
        and (report["audits"][audit_id].get("score") not in (None, 1))
    )
    return result


def measure(base_url: str, paths: list[str], runs: int = 3, log=print) -> list[Score]:
    ensure_installed()
    scores = []
    for path in paths:
        score = Score(path or "/", [run_once(base_url + path) for _ in range(runs)])
        log(
            f"lighthouse: /{path} perf {score.median('performance'):.0f} "
            f"LCP {score.median('lcp_ms'):.0f} ms"
        )
        scores.append(score)
    return scores


def table(scores: list[Score]) -> list[str]:
    head = ["page", "perf", "a11y", "best pr.", "SEO", "LCP ms", "TBT ms", "CLS", "targets"]
    head.append("audits below 100 (any run)")
    rows = []
    for s in scores:
        failed = sorted({a for run in s.runs for a in run["failed"]})
        rows.append(
            [
                s.page,
                *(f"{s.median(c):.0f}" for c in CATEGORIES),
                f"{s.median('lcp_ms'):.0f}",
                f"{s.median('tbt_ms'):.0f}",
                f"{s.median('cls'):.2f}",
                "ok" if s.meets_targets() else "MISSED",
                ", ".join(failed) or "-",
            ]
        )
    return markdown_table(head, rows)
