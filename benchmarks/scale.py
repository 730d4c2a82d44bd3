"""Build cost and how it grows: synthetic sites of 10, 100 and 1000 pages, full vs plain config."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter

from benchmarks.sitegen import Synthetic, generate
from tests.checks.site import ROOT, build_env


@dataclass
class BuildRun:
    seconds: float
    peak_mib: float
    plugins: dict[str, float]
    hooks: list[str]
    warnings: int
    pages: int

    @property
    def hook_seconds(self) -> float:
        return sum(t for origin, t in self.plugins.items() if origin in self.hooks)


def timed_build(config: Path, site: Path) -> BuildRun:
    """One build in a child process: wall time, its peak memory and plugin timings."""
    env = {**build_env(), "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-m", "benchmarks.timed_build", str(config), str(site)]
    start = perf_counter()
    proc = subprocess.run(args, cwd=config.parent, env=env, capture_output=True, text=True)
    seconds = perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"build of {config} failed:\n{proc.stderr[-3000:]}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return BuildRun(
        seconds, data["peak_mib"], data["plugins"], data["hooks"], data["warnings"], data["pages"]
    )


def problems_found(project: Path) -> int:
    """What the engine found in the full build (every rule now runs inside the build)."""
    from sitecheck.report import read_json

    return sum(f.severity == "error" for f in read_json(project))


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@dataclass
class SizeResult:
    pages: int  # pages built: the requested size plus the home page and the theme's linked pages
    size: int = 0  # the requested number of synthetic pages (10, 100, 1000)
    full: list[BuildRun] = field(default_factory=list)
    plain: list[BuildRun] = field(default_factory=list)
    problems: int = 0
    output_bytes: int = 0
    index_bytes: int = 0
    plain_output_bytes: int = 0

    def median(self, runs: list[BuildRun], attr: str = "seconds") -> float:
        return statistics.median(getattr(r, attr) for r in runs)

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.median(self.full) / self.pages

    @property
    def plain_ms_per_page(self) -> float:
        return 1000 * self.median(self.plain) / self.pages

    @property
    def hooks_seconds(self) -> float:
        return statistics.median(r.hook_seconds for r in self.full)

    @property
    def checks_share(self) -> float:
        """The hook (every rule, the headers, the preview box) as a share of a plain build."""
        return self.hooks_seconds / self.median(self.plain)


def measure_size(count: int, workdir: Path, runs: int) -> SizeResult:
    site: Synthetic = generate(workdir / f"site-{count}", count)
    result = SizeResult(site.pages, size=count)
    full_out, plain_out = site.root / "site", site.root / "site-plain"
    for _ in range(runs):  # paired, alternating runs: background load hits both alike
        result.full.append(timed_build(site.config, full_out))
        result.plain.append(timed_build(site.plain_config, plain_out))
        result.problems = problems_found(site.root)
    result.output_bytes = folder_bytes(full_out)
    result.plain_output_bytes = folder_bytes(plain_out)
    index = full_out / "search" / "search_index.json"
    result.index_bytes = index.stat().st_size if index.is_file() else 0
    return result


def runs_for(count: int, requested: int) -> int:
    return max(1, requested // 2) if count >= 1000 else requested


def measure(sizes: list[int], workdir: Path, runs: int = 3, log=print) -> list[SizeResult]:
    results = []
    for count in sizes:
        log(f"scale: {count} pages, {runs_for(count, runs)} paired run(s)...")
        results.append(measure_size(count, workdir, runs_for(count, runs)))
    return results


def table(results: list[SizeResult]) -> list[str]:
    from benchmarks.report import markdown_table

    rows = []
    base = next((r for r in results if r.size == 100), None)
    for r in results:
        growth = f"{r.ms_per_page / base.ms_per_page:.2f}x" if base else "-"
        rows.append(
            [
                str(r.pages),
                f"{r.median(r.full):.1f}",
                f"{r.ms_per_page:.1f}",
                growth,
                f"{r.plain_ms_per_page:.1f}",
                f"{r.median(r.full) / r.median(r.plain):.2f}",
                f"{r.hooks_seconds:.2f}",
                f"{100 * r.checks_share:.0f}%",
                str(r.problems),
                f"{max(x.peak_mib for x in r.full):.0f}",
                f"{r.output_bytes / 2**20:.1f}",
                f"{r.plain_output_bytes / 2**20:.1f}",
                f"{r.index_bytes / 1024:.0f}",
                str(len(r.full)),
            ]
        )
    head = [
        "pages",
        "build s",
        "ms/page",
        "vs 100",
        "plain ms/page",
        "full/plain",
        "hooks s",
        "hooks/plain",
        "problems",
        "peak MiB",
        "site MiB",
        "plain MiB",
        "index KiB",
        "runs",
    ]
    return markdown_table(head, rows)
