"""Test-only checks (browser, server, HTML validator) report engine Findings too: one type.

`at(where, what, fix)` makes a Finding for a place that is a page or a response rather than a
Markdown line, e.g. "cost/index.html (phone, light)".
"""

from __future__ import annotations

from sitecheck.core.finding import Finding


def at(where: str, what: str, fix: str) -> Finding:
    return Finding(where, 0, what, fix)


def report(problems: list[Finding], title: str) -> str:
    lines = [f"{len(set(problems))} problem(s): {title}"]
    lines += [f"{p.where}: {p.what}\n    Fix: {p.fix}" for p in sorted(set(problems))]
    return "\n".join(lines)


def assert_none(problems: list[Finding], title: str) -> None:
    """Fail with every problem listed, not just the first one."""
    if problems:
        raise AssertionError(report(problems, title))
