"""How much time the editorial checks add to a build: median of several `./run build` runs.

    .venv/bin/python benchmarks/editorial_build_time.py [--runs 7]

Builds alternate (ABBA) between two throw-away configs that inherit mkdocs.yml, one with every
hook and one without the editorial hook (overrides/hooks/editorial_checks.py), so machine
load affects both alike.
Wall time of the whole `./run build` command is measured: what an editor waits for.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
EDITORIAL_HOOK = "overrides/hooks/editorial_checks.py"


def hooks() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text[text.index("\nhooks:") :].split("\n\n")[0])["hooks"]


def write_config(name: str, hook_list: list[str]) -> Path:
    """A config beside mkdocs.yml (so relative paths work) that only changes the hooks."""
    path = ROOT / name
    path.write_text(
        "INHERIT: mkdocs.yml\nhooks:\n" + "".join(f"  - {h}\n" for h in hook_list),
        encoding="utf-8",
    )
    return path


def timed_build(config: str, site: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        ["./run", "build", "-f", config, "-d", site],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    # Both variants go through the same INHERIT config, so only the hook list differs.
    configs = {
        "with": write_config("mkdocs.with-editorial.yml", hooks()),
        "without": write_config(
            "mkdocs.no-editorial.yml", [h for h in hooks() if h != EDITORIAL_HOOK]
        ),
    }
    times: dict[str, list[float]] = {"with": [], "without": []}
    try:
        with tempfile.TemporaryDirectory() as site:
            timed_build("mkdocs.yml", site)  # warm-up: file cache, .venv check
            for run in range(args.runs):
                # ABBA order, so neither variant always runs second.
                order = ["with", "without"] if run % 2 == 0 else ["without", "with"]
                for variant in order:
                    times[variant].append(timed_build(configs[variant].name, site))
    finally:
        for path in configs.values():
            path.unlink()
    with_checks, without = statistics.median(times["with"]), statistics.median(times["without"])
    print(f"runs: {args.runs} each, alternating ABBA")
    print(f"./run build with editorial checks:    median {with_checks:.2f} s")
    print(f"./run build without editorial checks: median {without:.2f} s")
    print(f"the checks add: {with_checks - without:+.2f} s ({(with_checks / without - 1):+.0%})")
    print(
        f"the checks alone over docs/ (in-process, median): {checks_alone(args.runs) * 1000:.0f} ms"
    )


def checks_alone(runs: int) -> float:
    """The same checks without MkDocs around them: the precise cost, free of build noise."""
    from sitecheck.page_checks import check_docs

    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        check_docs(ROOT)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


if __name__ == "__main__":
    main()
