"""Run every source check on one page, or on all of docs/ (what the test suite and CLI use)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .claims import Allowed, Rule, check_claims, load_rules
from .finding import Finding
from .front_matter import check_front_matter
from .images import check_images
from .raw_html import check_raw_html
from .review_dates import pages


@dataclass
class Checked:
    findings: list[Finding] = field(default_factory=list)
    allowed: list[Allowed] = field(default_factory=list)


def check_page(
    raw: str, file: str, page_dir: Path, today: dt.date, rules: list[Rule], *, page: bool = True
) -> Checked:
    """`page=False` for snippets: pieces of pages have no front matter of their own."""
    claims = check_claims(raw, file, rules)
    findings = check_front_matter(raw, file, today) if page else []
    findings += claims.findings + check_images(raw, file, page_dir) + check_raw_html(raw, file)
    return Checked(sorted(findings), claims.allowed)


def check_docs(
    project: Path, today: dt.date | None = None, rules_file: Path | None = None
) -> Checked:
    today = today or dt.date.today()
    rules = load_rules(rules_file or project / "sitecheck" / "claims_rules.yml")
    docs = project / "docs"
    out = Checked()
    for path in sorted(docs.rglob("*.md")):
        file = f"docs/{path.relative_to(docs).as_posix()}"
        raw = path.read_text(encoding="utf-8")
        result = check_page(raw, file, path.parent, today, rules, page=path in pages(docs))
        out.findings += result.findings
        out.allowed += result.allowed
    return out


def allowed_report(allowed: list[Allowed]) -> str:
    lines = [f"{len(allowed)} claim-ok marker(s): quotations allowed on purpose, with reasons"]
    return "\n".join(lines + [f"  {a}" for a in allowed]) + "\n"


def main() -> int:
    """Check docs/ without building (e.g. for Zensical, which ignores MkDocs hooks)."""
    project = Path.cwd()
    result = check_docs(project)
    for finding in result.findings:
        print(finding)
    report = allowed_report(result.allowed)
    (project / "reports").mkdir(exist_ok=True)
    (project / "reports" / "claims-allowed.txt").write_text(report, encoding="utf-8")
    print(report + "(also written to reports/claims-allowed.txt)")
    print(f"{len(result.findings)} editorial problem(s).")
    return 1 if result.findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
