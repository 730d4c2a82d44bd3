"""The README's "When something goes wrong" tables list only messages the editor can meet: each
row's wording is still produced, by the catalogue of mistakes (run here) or by the engine."""

from __future__ import annotations

import re
from pathlib import Path

import pymdownx.snippets

from devtools.site import ROOT
from sitecheck.rules.project import preflight
from tests.checks import mistakes

README = ROOT / "README.md"
# The engine's and the preview's messages as written in their code; MkDocs' snippet extension
# stops the build with its own message, which the preview shows as the reason.
SOURCES = [*sorted((ROOT / "sitecheck").rglob("*.py")), *sorted((ROOT / "preview").glob("*.py"))]
SOURCES += [ROOT / "sitecheck" / "rules" / "claims" / "rules.yml", Path(pymdownx.snippets.__file__)]


def table_messages() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### When something goes wrong") :]
    section = section[: re.search(r"\n#{2,3} ", section).start()]  # to the next heading
    out = []
    for line in section.splitlines():
        if line.startswith("| `"):
            first = line.split(" | ")[0]
            out += re.findall(r"`([^`]+)`", first)
    return out


def pieces(message: str) -> list[str]:
    """The literal parts of a README message: without file names, gaps, quoted names, numbers."""
    message = re.sub(r"^[\w./-]+\.(md|yml)(:\d+|:N)?:\s*", "", message)
    parts = re.split(
        r"…|\.\.\.| / |<[^>]*>|[\w./-]+\.(?:md|yml)\b|'[^']*'|“[^”]*”|\b\d[\d.,]*\b", message
    )
    return [p.strip(" .,:;()") for p in parts if len(p.strip(" .,:;()").split()) >= 2]


def produced_messages(tmp_path) -> str:
    from tests.conftest import ProjectCopy

    out = []
    for mistake in mistakes.load():
        copy = ProjectCopy(tmp_path / mistake.id)
        mistake.plant(copy.root)
        out += [str(f) for f in preflight.check_project(copy.root)]
    return "\n".join(out)


def test_every_readme_message_is_still_produced(tmp_path):
    messages = table_messages()
    assert len(messages) >= 40
    produced = produced_messages(tmp_path)
    code = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    code = re.sub(r"\"\s*\n\s*f?\"", "", code)  # a message split over lines of code reads whole
    missing = [
        (message, piece)
        for message in messages
        for piece in pieces(message)
        if piece not in produced and piece not in code
    ]
    assert missing == []


def test_the_catalogue_rows_are_produced_whole_by_the_checks(tmp_path):
    """The first table (the site cannot be built) is the catalogue's: found whole, not in code."""
    produced = produced_messages(tmp_path)
    text = README.read_text(encoding="utf-8")
    first = text[text.index("### When something goes wrong") :]
    first = first[: first.index("The second group")]
    rows = [
        re.findall(r"`([^`]+)`", line.split(" | ")[0])
        for line in first.splitlines()
        if line.startswith("| `")
    ]
    found = [m for row in rows for m in row]
    assert len(found) >= 25
    missing = [(m, p) for m in found for p in pieces(m) if p not in produced]
    assert missing == []


def test_a_reworded_message_fails_the_check(tmp_path):
    assert pieces("docs/x.md:3: the page is totally blank") == ["the page is totally blank"]
    produced = produced_messages(tmp_path)
    assert "the page is totally blank" not in produced
