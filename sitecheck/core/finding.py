"""One problem found on the site: where it is, what is wrong, and how to fix it.

Every rule returns these; every surface (terminal, preview box, reports/editorial.json, GitHub
annotations) prints them. `rule` and `severity` are filled in by the engine when a rule leaves
them empty, so a rule only has to say where, what and how.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"  # stops a build
NOTICE = "notice"  # shown, never blocks (an overdue medical review)


@dataclass(frozen=True, order=True)
class Finding:
    file: str  # "docs/cost.md", as the editor sees it in the project folder
    line: int  # 1-based; 0 when the whole file is meant
    what: str
    fix: str
    rule: str = ""  # the rule's name, e.g. "claims", "links"
    severity: str = ERROR

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        return f"{self.where}: {self.what} Fix: {self.fix}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["message"] = data.pop("what")
        return data
