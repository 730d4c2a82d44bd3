"""The content guards through a real build: passed notices, emoji and layout tables, word
processor marks, advice against the reviewed snippets, urgency cards without their call,
medical sentences changed without review, a filled-in form as a PDF. Every fault planted in ONE
project copy, built once; each is named at the file the editor edited, with its line and a fix,
and the legitimate edits beside them raise no error."""

from __future__ import annotations

import zlib

import pytest

from tests.conftest import ProjectCopy, page

NOTICES = """**Closed on Friday, October 9, 2026, for staff training.**

Our spring offer ends on 30 April 2027, so book early.

- 🟡 Mild itching
- ⛔ Pus or fever

|   |   |
| --- | --- |
| Free parking. | Step-free entrance. |
"""
PASTED = """Bring your glasses.[AB2]

--8<— "see-a-doctor.md"

Hola, le atendemos en español.
{ lang=”es” }
"""
ADVICE = """## If you take clopidogrel

Then you should pause it for a week before your treatment.

A little bleeding through the dressing is normal, and there is no need to ring us.
"""
CARD = """!!! soon ""

    --8<-- "urgency-soon.md"

    Send us a message through the booking website.
"""
LEGIT = """## Opening over the holidays

We are closed from December 24, 2026 to January 3, 2027.

| Day | Hours |
| --- | --- |
| Saturday | 9 am to 1 pm |

Hablamos español.
{ lang="es" }
"""
PLANTED = {
    "planted-notices": NOTICES,
    "planted-pasted": PASTED,
    "planted-advice": ADVICE,
    "planted-card": CARD,
    "planted-legit": LEGIT,
}


def _pdf(*lines: str) -> bytes:
    body = "BT " + " ".join(f"({line}) '" for line in lines) + " ET"
    data = zlib.compress(body.encode("latin-1"))
    return (
        b"%PDF-1.4\n4 0 obj\n<< /Length "
        + str(len(data)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + data
        + b"\nendstream\nendobj\n"
    )


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    project = ProjectCopy(tmp_path_factory.mktemp("content-guards") / "project")
    for name, body in PLANTED.items():
        project.write(f"docs/{name}.md", page(name.replace("-", " ").title(), body))
    project.add_to_menu(*(f"{name}.md" for name in PLANTED))
    project.replace("docs/eligibility.md", "- are pregnant or breastfeeding", "- are pregnant")
    project.append(
        "docs/snippets/glossary.md", "*[PRP course]: Three PRP sessions, $1,650 in all.\n"
    )
    project.path("docs/downloads").mkdir(parents=True, exist_ok=True)
    project.path("docs/downloads/aftercare-plan.pdf").write_bytes(
        _pdf("Aftercare plan", "Patient: Lena Fischer", "Date of birth: 12/01/1975")
    )
    return project, project.build(strict=False)


def said(build, file: str) -> str:
    return "\n".join(str(f) for f in build.findings() if f.file == file and f.severity == "error")


def line_of(file: str, text: str) -> int:
    from devtools.site import ROOT

    lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("docs/planted-notices.md", "docs/planted-notices.md:11: this notice's date has passed"),
        ("docs/planted-notices.md", "docs/planted-notices.md:15: the symbol “🟡”"),
        ("docs/planted-notices.md", "docs/planted-notices.md:18: a table with no column headings"),
        ("docs/planted-pasted.md", "docs/planted-pasted.md:11: a reviewer's comment mark"),
        ("docs/planted-pasted.md", "docs/planted-pasted.md:13: the line that includes a snippet"),
        ("docs/planted-pasted.md", "docs/planted-pasted.md:16: the setting in braces"),
        (
            "docs/planted-advice.md",
            "docs/planted-advice.md:13: this tells patients to stop a medicine",
        ),
        ("docs/planted-advice.md", "docs/planted-advice.md:15: this tells patients not to call"),
        ("docs/planted-card.md", "docs/planted-card.md:11: this card includes the reviewed signs"),
        ("docs/eligibility.md", "a reviewed medical sentence was changed without review"),
        ("docs/downloads/aftercare-plan.pdf", "docs/downloads/aftercare-plan.pdf:1: the PDF"),
        ("docs/snippets/glossary.md", "the clinic's average price (1650) is typed"),  # in a snippet
    ],
)
def test_each_fault_is_named_at_its_file_and_line_with_a_fix(planted, file, expected):
    _, build = planted
    text = said(build, file)
    assert expected in text, text or build.output[-3000:]
    assert "Fix: " in text


def test_the_changed_sentence_is_named_at_its_line(planted):
    _, build = planted
    line = line_of("docs/eligibility.md", "- are pregnant or breastfeeding")
    assert f"docs/eligibility.md:{line}: a reviewed medical sentence" in said(
        build, "docs/eligibility.md"
    )


def test_legitimate_edits_raise_no_error(planted):
    _, build = planted
    assert said(build, "docs/planted-legit.md") == ""
    assert "spring offer" not in said(build, "docs/planted-notices.md")  # a date still ahead
