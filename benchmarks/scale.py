"""Build cost and how it grows: synthetic sites of 10, 100 and 1000 pages.

Three builds of the same pages: full (the site as the clinic builds it), unchecked (the same
without the one hook, sitecheck/drivers/mkdocs_hook.py) and plain Material. What the checks cost is the
difference in wall time between full and unchecked, as a share of the plain build; the builds
alternate in ABC CBA order so that a change in background load hits each alike.
"""

from __future__ import annotations

import json
import resource
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
    cpu: float  # user + system seconds of the build and its worker process
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
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = perf_counter()
    proc = subprocess.run(args, cwd=config.parent, env=env, capture_output=True, text=True)
    seconds = perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise RuntimeError(f"build of {config} failed:\n{proc.stderr[-3000:]}")
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return BuildRun(
        seconds,
        cpu,
        data["peak_mib"],
        data["plugins"],
        data["hooks"],
        data["warnings"],
        data["pages"],
    )


def problems_found(project: Path) -> int:
    """What the engine found in the full build (every rule now runs inside the build)."""
    from sitecheck.outputs.report import read_json

    return sum(f.severity == "error" for f in read_json(project))


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


@dataclass
class SizeResult:
    pages: int  # pages built: the requested size plus the home page and the theme's linked pages
    size: int = 0  # the requested number of synthetic pages (10, 100, 1000)
    full: list[BuildRun] = field(default_factory=list)
    unchecked: list[BuildRun] = field(default_factory=list)
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
    def checks_seconds(self) -> float:
        """What the hook (every rule, the headers, the reports) adds to the wall time."""
        return self.median(self.full) - self.median(self.unchecked)

    @property
    def checks_share(self) -> float:
        return self.checks_seconds / self.median(self.plain)

    @property
    def checks_cpu(self) -> float:
        return self.median(self.full, "cpu") - self.median(self.unchecked, "cpu")


def measure_size(count: int, workdir: Path, runs: int) -> SizeResult:
    site: Synthetic = generate(workdir / f"site-{count}", count)
    result = SizeResult(site.pages, size=count)
    full_out, plain_out = site.root / "site", site.root / "site-plain"
    unchecked_out = site.root / "site-unchecked"
    order = [
        (result.full, site.config, full_out),
        (result.unchecked, site.unchecked_config, unchecked_out),
        (result.plain, site.plain_config, plain_out),
    ]
    for n in range(runs):  # ABC CBA ABC: background load hits each variant alike
        for runs_of, config, out in order if n % 2 == 0 else order[::-1]:
            runs_of.append(timed_build(config, out))
            if runs_of is result.full:
                result.problems = problems_found(site.root)
    result.output_bytes = folder_bytes(full_out)
    result.plain_output_bytes = folder_bytes(plain_out)
    index = full_out / "search" / "search_index.json"
    result.index_bytes = index.stat().st_size if index.is_file() else 0
    return result


def measure(sizes: list[int], workdir: Path, runs: int = 3, log=print) -> list[SizeResult]:
    results = []
    for count in sizes:
        log(f"scale: {count} pages, {runs} paired run(s)...")
        results.append(measure_size(count, workdir, runs))
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
                f"{r.median(r.unchecked):.1f}",
                f"{r.checks_seconds:.2f}",
                f"{100 * r.checks_share:.0f}%",
                f"{r.checks_cpu:.1f}",
                f"{r.hooks_seconds:.2f}",
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
        "unchecked s",
        "checks s",
        "checks/plain",
        "checks CPU s",
        "in hook s",
        "problems",
        "peak MiB",
        "site MiB",
        "plain MiB",
        "index KiB",
        "runs",
    ]
    return markdown_table(head, rows)
