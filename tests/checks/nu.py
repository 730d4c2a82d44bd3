"""Validate built pages with the Nu HTML checker (vnu-jar from npm, run with Java, offline)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from devtools.site import ROOT, Build
from sitecheck.core.finding import Finding
from tests.checks.problems import at

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def missing_tool_message() -> str | None:
    if not shutil.which("java"):
        return "Java was not found; the Nu HTML checker needs it ('sudo apt-get install default-jre-headless')."
    if not VNU_JAR.is_file():
        return (
            f"The Nu HTML checker ({VNU_JAR.relative_to(ROOT)}) is not installed. "
            "Run the tests with ./run test, which installs it with 'npm ci', or run 'npm ci' yourself."
        )
    return None


def run_vnu(site: Path) -> list[dict]:
    proc = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    # vnu writes its JSON report to stderr; exit code 1 only means "there were errors".
    try:
        return json.loads(proc.stderr)["messages"]
    except (json.JSONDecodeError, KeyError) as err:
        raise RuntimeError(
            f"the Nu checker did not report as expected ({err}):\n{proc.stderr}"
        ) from err


# CSS the Nu checker's CSS validator predates: container queries (Baseline 2023, in every
# current browser), which let tables and the header reflow at 200% text. Only these two
# messages are left out; any other CSS or HTML error still fails.
NEWER_CSS = (
    "CSS: “container”: Property “container” doesn't exist",
    "CSS: Unrecognized at-rule “@container”",
)


def nu_problems(build: Build) -> list[Finding]:
    site = build.site.resolve()
    problems = []
    for message in run_vnu(site):
        if message.get("message", "").startswith(NEWER_CSS):
            continue
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        html = path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)
        source = build.source_of(html)
        extract = " ".join(message.get("extract", "").split())
        fix = (
            "correct the HTML written in the Markdown page"
            if source.startswith("docs/")
            else "fix the template in overrides/"
        )
        problems.append(
            at(
                f"{source} (built {html}, line {message.get('lastLine', '?')})",
                f"{message['message']} Near: “{extract}”",
                f"{fix}; if the markup comes from Material itself, override that part in "
                "overrides/ (see README, 'The look')",
            )
        )
    return problems
