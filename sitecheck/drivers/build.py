"""`./run build` and `./run deploy`: read mkdocs.yml and the pages first, then run MkDocs.

MkDocs parses mkdocs.yml before any hook runs, so a mistake there would reach the editor as a
Python traceback. This checks the files first (sitecheck/rules/project/preflight.py) and prints
our message; only a clean project is handed to MkDocs, whose hook then does not check it again. Should MkDocs (or a check itself) still fail in a way
no check foresaw, its traceback goes to reports/build.log and the terminal gets one plain
sentence instead.

    python -m sitecheck.drivers.build build --strict --clean
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

from sitecheck.drivers.builder import builder
from sitecheck.outputs import report
from sitecheck.rules.project import preflight

LOG = Path("reports") / "build.log"


def unforeseen(last_line: str) -> str:
    return (
        f"The build failed in a way the checks do not recognise ({last_line.strip()}). "
        f"Fix: undo your last change, or ask a developer; the details are in {LOG}."
    )


def filter_output(lines, out=sys.stdout):
    """Pass MkDocs' lines through, replacing each traceback by one sentence."""
    in_traceback = False
    for line in lines:
        if line.startswith("Traceback (most recent call last)"):
            in_traceback = True
            continue
        if in_traceback:
            if (
                line.startswith((" ", "\t"))
                or not line.strip()
                or line.startswith("During handling")
            ):
                continue
            in_traceback = False
            if "Traceback" in line:
                continue
            line = unforeseen(line) + "\n"
        out.write(line)
        out.flush()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    project = Path.cwd()
    log = project / LOG
    log.parent.mkdir(parents=True, exist_ok=True)
    try:
        problems = preflight.check_project(project)
    except Exception as err:  # a fault in a check itself: one sentence, the details in the log
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(unforeseen(f"{type(err).__name__}: {err}"), file=sys.stderr)
        return 1
    if problems:
        report.write_json(problems, project)  # and GitHub's annotations: every surface
        print(preflight.stop_message(problems), file=sys.stderr)
        return 1
    started = time.time()
    with log.open("w", encoding="utf-8") as record:
        proc = subprocess.Popen(
            [sys.executable, "-m", builder(), *args],
            env={**os.environ, preflight.CHECKED: str(project.resolve())},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        assert proc.stdout is not None

        def lines():
            for line in proc.stdout:
                record.write(line)
                yield line

        filter_output(lines())
        code = proc.wait()
    print(last_line(project, code, started))
    return code


def last_line(project: Path, code: int, started: float = 0.0) -> str:
    """The one plain line a build ends with: no problems and how many pages, or how many
    problems are listed above."""
    try:
        fresh = (project / report.JSON_REPORT).stat().st_mtime >= started
        found = report.read_json(project) if fresh else []
    except (OSError, ValueError, KeyError):
        found = []
    if code == 0:
        docs = project / "docs"
        pages = [p for p in docs.rglob("*.md") if "snippets" not in p.relative_to(docs).parts]
        # A notice (a medical sentence not yet reviewed) builds, but ./run deploy refuses it:
        # the last line must not call the site ready.
        if waiting := len([f for f in found if f.severity == "notice"]):
            return (
                f"Built {len(pages)} pages, but not ready to publish: "
                + (f"{waiting} notices above wait" if waiting != 1 else "1 notice above waits")
                + " for a reviewer (./run deploy refuses them)."
            )
        return f"No problems: {len(pages)} pages ready to publish."
    count = len([f for f in found if f.severity == "error"])
    if count:
        return f"{count} problem{'s' * (count != 1)}, listed above."
    return "The build stopped: the problem is listed above."


if __name__ == "__main__":
    sys.exit(main())
