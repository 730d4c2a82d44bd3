"""Refuse to publish while the claims review queue has sentences nobody signed off.

`./run deploy` runs this first (through sitecheck.rules.facts.deploy_gate), on the Markdown of
docs/ (pages and snippets) without a build. A sentence the classifier alone reads as a claim
must be rewritten or signed off in claims-signoff.yml (review.py); a broken sign-off refuses too.

    python -m sitecheck.rules.claims.gate [PROJECT]     # exit 1 and one line per sentence
"""

from __future__ import annotations

import sys
from pathlib import Path

from sitecheck.rules.claims.check import check_claims
from sitecheck.rules.claims.classifier import load_model
from sitecheck.rules.claims.concepts import RULES_FILE, load_rules
from sitecheck.rules.claims.review import LEDGER_FILE, REPORT, pending, read_ledger


def refusals(project: Path) -> list[str]:
    """One line per unsigned queued sentence (file:line, the sentence, the fix), and per broken
    sign-off; none when the queue is clear."""
    if load_model(project) is None:
        return []
    rules = load_rules(project / RULES_FILE)
    lines = [f"{p.where}: {p.what} Fix: {p.fix}" for p in read_ledger(project).problems]
    docs = project / "docs"
    for path in sorted(docs.rglob("*.md")):
        file = f"docs/{path.relative_to(docs).as_posix()}"
        raw = path.read_text(encoding="utf-8")
        for q in pending(raw, file, check_claims(raw, file, rules), project):
            lines.append(
                f"{q.file}:{q.line}: “{q.sentence}” awaits compliance review (the claims "
                f"classifier reads it as a claim). Fix: rewrite it without the claim, or sign it "
                f"off in {LEDGER_FILE} with sha256 {q.sha256}, the sentence, the reason, the "
                "reviewer's role and the date."
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    project = Path(args[0] if args else ".").resolve()
    lines = refusals(project)
    if lines:
        print(
            f"Not publishing: {len(lines)} sentence(s) await compliance review "
            f"(listed in {REPORT.as_posix()} after a build).",
            file=sys.stderr,
        )
        for line in lines:
            print(f"  {line}", file=sys.stderr)
        return 1
    print("Claims review queue: empty or signed off; ready to publish.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
