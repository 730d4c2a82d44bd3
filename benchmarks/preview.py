"""Editor preview: seconds from saving a page to `mkdocs serve` serving the rebuilt page.

Runs `mkdocs serve` exactly as `./run preview` does (same arguments, read from the `run` script's
PREVIEW_ARGS line) on a throw-away copy, appends a unique sentence to a page, and polls the served
page over HTTP until the sentence appears.
"""

from __future__ import annotations

import re
import shlex
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from devtools.ports import free_port, stop, wait_until_listening
from devtools.site import ROOT, build_env
from sitecheck.drivers.cli import source_map

POLL = 0.02  # seconds between polls: fine-grained next to the watcher's own 0.5 s polling


def preview_args() -> list[str]:
    """The `mkdocs serve` options `./run preview` uses, so the benchmark measures the real thing."""
    text = (ROOT / "run").read_text(encoding="utf-8")
    found = re.search(r"^PREVIEW_ARGS=\((.*)\)", text, re.M)
    return shlex.split(found.group(1)) if found else ["--livereload"]


@dataclass
class PreviewResult:
    site: str
    pages: int
    startup: float
    saves: list[float]
    args: list[str]

    @property
    def median(self) -> float:
        return statistics.median(self.saves)


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def pick_page(project: Path) -> tuple[Path, str]:
    """A page in the middle of the menu: its Markdown file and its served path."""
    pages = sorted(source_map(project).items())
    dest, src = pages[len(pages) // 2]
    return project / src, dest.removesuffix("index.html")


def measure(project: Path, label: str, saves: int = 3, extra: list[str] | None = None, log=print):
    args = [*preview_args(), *(extra or [])]
    port = free_port()
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *args]
    source, path = pick_page(project)
    url = f"http://127.0.0.1:{port}/{path}"
    original = source.read_text(encoding="utf-8")
    proc = subprocess.Popen(
        cmd, cwd=project, env=build_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        start = time.monotonic()
        # A 1000-page first build takes minutes; a failed build ends the process at once.
        wait_until_listening(
            port, what="mkdocs serve", timeout=900, alive=lambda: proc.poll() is None
        )
        while not fetch(url):  # serve listens once its first build is done; the page follows
            if proc.poll() is not None or time.monotonic() - start > 900:
                raise AssertionError(f"mkdocs serve never served {url}: is the page refused?")
            time.sleep(POLL)
        startup = time.monotonic() - start
        times = []
        for n in range(saves):
            time.sleep(1.5)  # let the watcher settle, as between an editor's saves
            marker = f"Benchmark edit {n} {time.time_ns()}"
            saved = time.monotonic()
            source.write_text(original + f"\n{marker}\n", encoding="utf-8")
            while marker not in fetch(url):
                if proc.poll() is not None:
                    raise RuntimeError(f"mkdocs serve exited after the edit to {source}")
                if time.monotonic() - saved > 900:
                    raise TimeoutError(f"preview never showed the edit to {source}")
                time.sleep(POLL)
            times.append(time.monotonic() - saved)
            log(f"preview: {label} save {n + 1}: {times[-1]:.2f} s")
    finally:
        source.write_text(original, encoding="utf-8")
        stop(proc)
    pages = len(source_map(project))
    return PreviewResult(label, pages, startup, times, args)


def table(results: list[PreviewResult]) -> list[str]:
    from benchmarks.report import markdown_table

    head = ["site", "pages", "serve options", "first build s", "save→served s (median)", "runs"]
    rows = [
        [
            r.site,
            str(r.pages),
            " ".join(r.args),
            f"{r.startup:.1f}",
            f"{r.median:.2f}",
            ", ".join(f"{t:.2f}" for t in r.saves),
        ]
        for r in results
    ]
    return markdown_table(head, rows)
