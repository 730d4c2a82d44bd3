"""The catalogue of editors' mistakes (tests/data/editor_mistakes.yml), planted into a copy."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from devtools.site import ROOT, build_env

CATALOGUE = ROOT / "tests" / "data" / "editor_mistakes.yml"


@dataclass(frozen=True)
class Mistake:
    id: str
    file: str
    says: str
    replace: tuple[str, str] | None = None
    write: str | None = None
    encoding: str = "utf-8"
    crlf: bool = False
    at: str | None = None
    line: int | None = None
    at_replacement: bool = False  # expected at the line `replace` wrote (no text on it is unique)

    def planted_text(self, original: str) -> str:
        text = original if self.write is None else self.write
        if self.replace:
            old, new = self.replace
            assert old in text, f"{self.id}: {old!r} not in {self.file}"
            text = text.replace(old, new, 1)
        return text.replace("\n", "\r\n") if self.crlf else text

    def plant(self, root: Path) -> None:
        path = root / self.file
        path.write_bytes(
            self.planted_text(path.read_text(encoding="utf-8")).encode(
                self.encoding, errors="replace"
            )
        )

    def expected_line(self, root_original: str) -> int:
        if self.line is not None:
            return self.line
        if self.at_replacement:
            base = root_original if self.write is None else self.write
            return base[: base.index(self.replace[0])].count("\n") + 1
        text = self.planted_text(root_original)
        mark = self.at or self.replace[1].split("\n")[0]
        return next(n for n, line in enumerate(text.split("\n"), 1) if mark in line)

    def where(self, original: str) -> str:
        return f"{self.file}:{self.expected_line(original)}"


def load() -> list[Mistake]:
    entries = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    out = []
    for entry in entries:
        if "replace" in entry:
            entry["replace"] = tuple(entry["replace"])
        out.append(Mistake(**entry))
    return out


def run_build(root: Path) -> subprocess.CompletedProcess:
    """`./run build` as the editor runs it (strict, the site's own entry point), on a copy."""
    return subprocess.run(
        [sys.executable, "-m", "sitecheck.drivers.build", "build", "--strict", "-d", "site"],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
