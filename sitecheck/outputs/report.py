"""Where findings go: the terminal, reports/editorial.json, and the build's verdict.

Every surface prints the same Finding objects, so a rule written once is seen everywhere: the
terminal line `docs/x.md:12: what Fix: how`, the preview box (preview_box.py), and the JSON
report other tools read (file, line, rule, severity, message, fix).
"""

from __future__ import annotations

import json
from pathlib import Path

from sitecheck.core.finding import ERROR, Finding
from sitecheck.outputs import github

JSON_REPORT = Path("reports") / "editorial.json"


def terminal_lines(findings: list[Finding]) -> list[str]:
    return [str(f) for f in findings]


def summary(findings: list[Finding]) -> str:
    errors = sum(f.severity == ERROR for f in findings)
    notices = len(findings) - errors
    if not findings:
        return "No problems: every rule passed."
    return f"{errors} problem(s) to fix" + (f", {notices} notice(s)" if notices else "") + "."


def write_json(
    findings: list[Finding], project: Path, path: Path = JSON_REPORT, *, stopped: bool = False
) -> Path:
    """`stopped`: the build could not finish, and `findings` say why. The preview reads this
    file, never MkDocs' log lines, to learn what went wrong."""
    target = project / path
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "state": "stopped" if stopped else "built",
        "problems": sum(f.severity == ERROR for f in findings),
        "findings": [f.as_dict() for f in findings],
    }
    target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if github.active():  # on GitHub: annotations on each line and the job summary
        github.publish(findings)
    return target


def write_reports(results, project: Path) -> None:
    """Everything a build or `./run editorial SITE` reports, in reports/. `results`: the
    engine's Results."""
    from sitecheck.rules.page.readability import grade_report

    write_json(results.findings, project)
    folder = project / "reports"
    readings = sorted(results.readings, key=lambda r: r.source)
    if readings:
        (folder / "readability.txt").write_text(grade_report(readings) + "\n", encoding="utf-8")
    text = allowed_report(results.allowed)
    (folder / "claims-allowed.txt").write_text(text, encoding="utf-8")
    from sitecheck.rules.claims.review import write_report as claims_review_report

    claims_review_report(results.findings, project)  # reports/claims-review.md


def read_json(project: Path, path: Path = JSON_REPORT) -> list[Finding]:
    return read_state(project, path)[1]


def read_state(project: Path, path: Path = JSON_REPORT) -> tuple[str, list[Finding]]:
    """("built" or "stopped", the findings) of the last build that wrote the report."""
    data = json.loads((project / path).read_text(encoding="utf-8"))
    out = []
    for item in data["findings"]:
        item = dict(item)
        item["what"] = item.pop("message")
        out.append(Finding(**item))
    return data.get("state", "built"), out


def allowed_report(allowed) -> str:
    """The claim-ok markers, for the compliance reviewer (reports/claims-allowed.txt)."""
    lines = [f"{len(allowed)} claim-ok marker(s): quotations allowed on purpose, with reasons"]
    return "\n".join(lines + [f"  {a}" for a in allowed]) + "\n"
