"""./run benchmark [weight|lighthouse|build|preview|claims ...] [options]: print the tables.

Without parts, runs all five. The tables are also written to reports/benchmark.md.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import sys
import tempfile
from pathlib import Path

from devtools.site import ROOT, build, copy_project

PARTS = ["weight", "lighthouse", "build", "preview", "claims"]


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    import os

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.node()}: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load}"
    )


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./run benchmark", description=__doc__)
    parser.add_argument(
        "parts", nargs="*", metavar="PART", default=[], help=f"any of {', '.join(PARTS)}"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument(
        "--sizes", default="0,300", help="site sizes for 'build' in pages (0: the real site)"
    )
    parser.add_argument("--saves", type=int, default=10, help="saves timed by 'preview'")
    parser.add_argument("--pages", default="", help="only these page paths, e.g. 'cost/,faq/'")
    parser.add_argument("--serve-args", default="", help="extra `mkdocs serve` options to try")
    parser.add_argument("--out", default=str(ROOT / "reports" / "benchmark.md"))
    args = parser.parse_args(argv)
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(
            f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}"
        )
    args.parts = args.parts or PARTS
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    started = datetime.datetime.now(datetime.UTC)
    out = [
        f"# Benchmark, {started:%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {machine()}",
        "",
    ]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        if {"weight", "lighthouse"} & set(args.parts):
            from benchmarks import lighthouse, weight
            from devtools.nginx import serve_built_site

            real = build(ROOT, work / "real-site", strict=False)
            if real.returncode != 0:
                log(real.output)
                return 1
            paths = weight.page_urls(real)
            if args.pages:
                paths = [p for p in paths if p in args.pages.split(",")]
            with serve_built_site(real.site) as server:
                url = server.base_url
                if "weight" in args.parts:
                    rows = weight.measure(url, paths, log=log)
                    out += ["## Page weight, first visit (nginx, the shipped _nginx.conf)", ""]
                    out += weight.table(rows)
                    third = sorted({u for r in rows for u in r.third_party})
                    out += ["", f"Third-party requests: {', '.join(third) or 'none'}", ""]
                if "lighthouse" in args.parts:
                    # Lighthouse refuses a page answered with status 404, as the shipped
                    # server answers 404.html; the weight table and the browser tests cover it.
                    scored = [p for p in paths if p != "404.html"]
                    scores = lighthouse.measure(url, scored, runs=args.runs, log=log)
                    out += [f"## Lighthouse 12 mobile, median of {args.runs}", ""]
                    out += [*lighthouse.table(scores), ""]
                    if len(scored) < len(paths):
                        out += ["404.html: not scored (Lighthouse refuses status 404).", ""]
        if "build" in args.parts:
            from benchmarks import build as build_time

            rows = build_time.measure(work, sizes, runs=args.runs, log=log)
            out += [f"## Build time (`./run build`), median of {args.runs}", ""]
            out += [*build_time.table(rows), ""]
        if "preview" in args.parts:
            from benchmarks import preview

            result = preview.measure(
                copy_project(work / "real-project"),
                "real site",
                saves=args.saves,
                extra=args.serve_args.split(),
                log=log,
            )
            out += ["## Editor preview (`./run preview`): save to served", ""]
            out += [*preview.table([result]), ""]
        if "claims" in args.parts:
            from benchmarks import claims

            out += ["## Claims check: development set and speed", "", *claims.report(), ""]
    text = "\n".join(out)
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    log(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
