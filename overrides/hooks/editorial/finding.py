"""One editorial problem: where it is, what is wrong, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    file: str  # "docs/cost.md", as the editor sees it in the project folder
    line: int  # 1-based; 0 when the whole file is meant
    what: str
    fix: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        return f"{self.where}: {self.what} Fix: {self.fix}"
