"""One way to report problems: every fault at once, each with where and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    where: str  # "docs/cost.md:12" or "theme template 404.html"
    what: str  # what is wrong
    fix: str  # what the editor should do

    def __str__(self) -> str:
        return f"{self.where}: {self.what}\n    Fix: {self.fix}"


def report(problems: list[Problem], title: str) -> str:
    lines = [f"{len(problems)} problem(s): {title}"]
    lines += [str(p) for p in sorted(set(problems))]
    return "\n".join(lines)


def assert_none(problems: list[Problem], title: str) -> None:
    """Fail with every problem listed, not just the first one."""
    if problems:
        raise AssertionError(report(problems, title))
