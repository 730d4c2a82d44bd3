"""The leaflets' settings, from mkdocs.yml `extra.leaflets` (see the comments there)."""

from __future__ import annotations

from dataclasses import dataclass

# mkdocs.yml spelling -> Playwright's page.pdf(format=...)
PAPER_SIZES = {"letter": "Letter", "a4": "A4"}


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    paper: str  # Playwright's name: "Letter" or "A4"
    pack: tuple[str, ...]  # Markdown files, e.g. "cost.md", in the pack's order
    clinic_name: str


def read_settings(config: dict) -> Settings:
    extra = config.get("extra") or {}
    section = extra.get("leaflets") or {}
    paper = str(section.get("paper", "letter")).strip().lower()
    if paper not in PAPER_SIZES:
        raise SettingsError(
            f"mkdocs.yml: extra.leaflets.paper is {paper!r}, which is not a paper size we know. "
            f"Fix: write one of {', '.join(PAPER_SIZES)}."
        )
    pack = tuple(str(name) for name in section.get("pack") or ())
    clinic = (extra.get("clinic") or {}).get("name") or config.get("site_name") or ""
    return Settings(PAPER_SIZES[paper], pack, clinic)
