"""The findings as GitHub sees them: one annotation per problem on its file and line, and a job
summary table in the editors' words. Written only when GitHub Actions runs the checks.

Escaping follows GitHub's workflow-command rules: in the message `%`, `\\r` and `\\n`; in the
properties (file, line, title) also `:` and `,`, which would end a property.
"""

from __future__ import annotations

import os
from pathlib import Path

from sitecheck.core.finding import ERROR, Finding

NO_PROBLEMS = "No problems: this change can be published."
TITLES = {
    "preflight": "The file cannot be read",
    "clinic-facts": "Clinic fact",
    "claims": "Medical claim",
    "front-matter": "Front matter",
    "links": "Broken link",
    "images": "Picture",
    "readability": "Hard to read",
    "review-date": "Medical review",
}


def active() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def title(finding: Finding) -> str:
    return TITLES.get(finding.rule, "Editorial check")


def annotation(finding: Finding) -> str:
    command = "error" if finding.severity == ERROR else "notice"
    props = []
    if not finding.file.startswith("theme template"):  # a file in the repository
        props.append(f"file={escape_property(finding.file)}")
        if finding.line:
            props.append(f"line={finding.line}")
    props.append(f"title={escape_property(title(finding))}")
    message = f"{finding.what} Fix: {finding.fix}"
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def summary(findings: list[Finding]) -> str:
    errors = [f for f in findings if f.severity == ERROR]
    notices = [f for f in findings if f.severity != ERROR]
    out = ["## Editorial checks", ""]
    if errors:
        out += [
            f"**{len(errors)} problem(s) to fix before this change can be published.** "
            "Each one is also marked on its line under *Files changed*.",
            "",
        ]
        out += _table(errors)
    else:
        out += [NO_PROBLEMS, ""]
    if notices:
        out += ["Notices (they never stop publishing):", "", *_table(notices)]
    return "\n".join(out) + "\n"


def _table(findings: list[Finding]) -> list[str]:
    rows = ["| Where | What is wrong | How to fix it |", "| --- | --- | --- |"]
    rows += [f"| `{_cell(f.where)}` | {_cell(f.what)} | {_cell(f.fix)} |" for f in findings]
    return [*rows, ""]


def publish(findings: list[Finding]) -> None:
    """Print the annotations and append the summary (when GitHub gives a summary file)."""
    for finding in findings:
        print(annotation(finding), flush=True)
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with Path(target).open("a", encoding="utf-8") as out:
            out.write(summary(findings))
