"""Issue 28 through a real build: every guard's mistakes planted in ONE project copy, built once;
each must be named at the file the editor edits, with its line and a fix. The legitimate edits
planted beside them must raise nothing. Then `./run build` itself, once per code path (a page
rule, a snippet, the address ledger), must stop with file, line and fix and no traceback."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess

import pytest

from devtools.site import ROOT
from tests.conftest import ProjectCopy, page

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
HEIC = b"\x00\x00\x00\x20ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 32

TEXT = """Lorem ipsum dolor sit amet, consectetur adipiscing elit.

Opening hours: Monday to Friday, [INSERT HOURS HERE].

Service\tPrice
Consultation\t95

• have an infection on your scalp
• are pregnant

The first consultation is explained in a note.[^missing]

    These pages give general information and cannot replace a visit.

## A section the doctor will write

## Another section

Text under the section, so this one is not empty.
"""
PEOPLE = """Can I have it if I take warfarin? From a patient, jmiller1962@gmail.com.

If the clinic is closed, text our doctor on her own cell phone, (217) 555-0199.

Tomorrow at 17:30 D. Novak comes for a first visit; he is diabetic.
"""
LINKS = """Read more [here](cost.md).

The [NHS advice](https://bit.ly/3xYzAbc) is short.

The [MSD Manual](https://www.google.com/url?sa=t&url=https://www.msdmanuals.com/home) explains it.

Read our [aftercare advice](https://hairclinic.sharepoint.com/sites/Staff/Aftercare.docx).

El primer ciclo cuesta mucho. Llámenos para más información, por favor, y le decimos el precio.
"""
FACTS = """From January 2027 the first course costs about **1790 USD** on average.

You have 3 sessions close together.

In an emergency, call 999.
"""
PICTURES = """![The clinic's front door, with a blue sign](images/door.heic)

![A drawing of one hair in the skin](images/drawing.png)

![A man's head before and after treatment](images/before-after.png)
"""
LEGIT = """The consultation has one price.[^consultation] We tell you the price when you book.

We are open “Monday \u2013 Friday, 9:00\u201317:00”.

> Hola. Hablamos español. Deje su nombre y su número, y le llamamos.
{ lang="es" }

| Test | What it checks |
| --- | --- |
| Ferritin | How much iron your body has stored |

[^consultation]: The consultation has one price, whichever method you choose.
"""
MORE = """After 6 pm use the staff door. The door code is 4471#.

!!! emergancy "Call 911 now if you"

    - faint

Dandruff can cause flaking. Read more at WebMD.com.

\u00a9 2005 - 2026 WebMD LLC. All rights reserved.
"""
COPY = """---
title: Cost
description: What the treatment costs, what the price includes, and an example of a first year.
reviewed: 2026-12-01
next_review: 2027-12-01
reviewed_by: Clinic medical team
template: home.html
---

# Aftercare

Rest at home. Keep the small wound where we took fat clean and dry.
"""
PLANTED = {
    "planted-text": TEXT,
    "planted-people": PEOPLE,
    "planted-links": LINKS,
    "planted-facts": FACTS,
    "planted-pictures": PICTURES,
    "planted-legit": LEGIT,
    "planted-more": MORE,
}


def plant(project: ProjectCopy) -> None:
    for name, body in PLANTED.items():
        project.write(f"docs/{name}.md", page(name.replace("-", " ").title(), body))
    project.write("docs/planted-copy.md", COPY)
    project.add_to_menu(*(f"{name}.md" for name in PLANTED), "planted-copy.md")
    project.path("docs/images").mkdir(parents=True, exist_ok=True)
    project.path("docs/images/door.heic").write_bytes(HEIC)
    project.path("docs/images/Drawing.png").write_bytes(PNG)
    project.path("docs/images/before-after.png").write_bytes(PNG)
    project.replace(
        "docs/snippets/sources.yml",
        "    finding: In 6 small studies with 188 people,",
        "    finding: ??? Dr Lee to fill in. In 6 small studies with 188 people,",
    )
    project.append("docs/snippets/glossary.md", "*[telogen effluvium]: Heavy shedding of hair.\n")
    lines = (ROOT / "published-addresses.txt").read_text(encoding="utf-8")
    project.write("published-addresses.txt", lines + "moved/\ngone/\n")
    project.write("redirects.yml", "redirects:\n  moved/: cost.md\n")


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    project = ProjectCopy(tmp_path_factory.mktemp("editor-guards") / "project")
    plant(project)
    return project, project.build(strict=False)


def said(build, file: str) -> str:
    return "\n".join(str(f) for f in build.findings() if f.file == file)


SOURCES_LINE = next(
    n
    for n, line in enumerate((ROOT / "docs/snippets/sources.yml").read_text().splitlines(), 1)
    if line.startswith("    finding: In 6 small studies with 188 people,")
)


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("docs/planted-text.md", "docs/planted-text.md:11: placeholder Latin text"),
        ("docs/planted-text.md", "docs/planted-text.md:13: a placeholder (“[INSERT HOURS HERE]”)"),
        ("docs/planted-text.md", "docs/planted-text.md:16: columns lined up with tabs"),
        ("docs/planted-text.md", "docs/planted-text.md:18: a list typed with '•'"),
        ("docs/planted-text.md", "docs/planted-text.md:21: a footnote reference"),
        ("docs/planted-text.md", "docs/planted-text.md:23: a paragraph indented by 4 spaces"),
        (
            "docs/planted-text.md",
            "docs/planted-text.md:25: the heading “A section the doctor will write” has nothing under it",
        ),
        (
            "docs/planted-people.md",
            "docs/planted-people.md:11: the page shows an e-mail address that is not the clinic's",
        ),
        (
            "docs/planted-people.md",
            "docs/planted-people.md:13: the page shows a phone number that is not the clinic's",
        ),
        (
            "docs/planted-people.md",
            "docs/planted-people.md:15: the page names a person (“D. Novak”)",
        ),
        (
            "docs/planted-links.md",
            "docs/planted-links.md:11: the link text “here” does not say where it goes",
        ),
        (
            "docs/planted-links.md",
            "docs/planted-links.md:13: the link “NHS advice” (https://bit.ly/3xYzAbc) goes through a link shortener",
        ),
        ("docs/planted-links.md", "docs/planted-links.md:15: the link “MSD Manual”"),
        ("docs/planted-links.md", "docs/planted-links.md:17: the link “aftercare advice”"),
        ("docs/planted-links.md", "docs/planted-links.md:19: this text looks Spanish"),
        (
            "docs/planted-facts.md",
            "docs/planted-facts.md:11: a price (“1790 USD”) is typed into the page",
        ),
        ("docs/planted-facts.md", "docs/planted-facts.md:13: “3 sessions” is typed into the page"),
        (
            "docs/planted-facts.md",
            "docs/planted-facts.md:15: “call 999” is not the emergency number",
        ),
        (
            "docs/planted-pictures.md",
            "docs/planted-pictures.md:11: the picture 'images/door.heic' is a HEIC file",
        ),
        (
            "docs/planted-pictures.md",
            "docs/planted-pictures.md:13: the picture 'images/drawing.png' is not found: the file is called 'Drawing.png'",
        ),
        (
            "docs/planted-pictures.md",
            "docs/planted-pictures.md:15: the picture 'images/before-after.png' looks like a result",
        ),
        ("docs/snippets/sources.yml", f"docs/snippets/sources.yml:{SOURCES_LINE}: question marks"),
        (
            "published-addresses.txt",
            "the page address 'gone/' was published before and is gone now",
        ),
    ],
)
def test_each_mistake_is_named_at_its_file_and_line_with_a_fix(planted, file, expected):
    _, build = planted
    text = said(build, file)
    assert expected in text, text or build.output[-3000:]
    assert "Fix: " in text


def test_legitimate_edits_raise_nothing(planted):
    _, build = planted
    # Legitimate edits build; review notices (new medical sentences) are for ./run deploy.
    legit = [f for f in build.findings() if f.file == "docs/planted-legit.md"]
    assert [str(f) for f in legit if f.severity == "error"] == []
    # A new glossary word builds; its review notices (claims, medical) are for ./run deploy.
    errors = [
        f
        for f in build.findings()
        if f.file == "docs/snippets/glossary.md" and f.severity == "error"
    ]
    assert "telogen" not in "\n".join(map(str, errors))


def test_a_redirected_address_gets_a_static_page_without_script(planted):
    _, build = planted
    written = (build.site / "moved/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../cost/"' in written
    assert '<a href="../cost/">' in written and "<script" not in written
    assert "moved/" not in said(build, "published-addresses.txt")


# -- ./run build itself: one per code path ------------------------------------------------------
def runnable(tmp_path) -> ProjectCopy:
    project = ProjectCopy(tmp_path / "project")
    shutil.copy2(ROOT / "run", project.path("run"))
    shutil.copy2(ROOT / "requirements.lock", project.path("requirements.lock"))
    shutil.copy2(ROOT / "published-addresses.txt", project.path("published-addresses.txt"))
    project.path(".venv").symlink_to(ROOT / ".venv")
    return project


def run_build(project: ProjectCopy):
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "SITECHECK_REPORT_ONLY")}
    result = subprocess.run(
        ["./run", "build"], cwd=project.root, env=env, capture_output=True, text=True, check=False
    )
    out = result.stdout + result.stderr
    assert result.returncode != 0, out[-2000:]
    assert "Traceback" not in out and "do not recognise" not in out
    return out


def test_run_build_names_a_renamed_pages_old_address(tmp_path):
    project = runnable(tmp_path)
    # Two renames: the women's page without its redirect (refused), and the privacy page done
    # as the README says (builds, and the theme's footer link follows it).
    renames = {"women.md": "hair-loss-in-women.md", "privacy.md": "privacy-notice.md"}
    for old, new in renames.items():
        project.path(f"docs/{old}").rename(project.path(f"docs/{new}"))
    for name in (
        "mkdocs.yml",
        *[p.relative_to(project.root).as_posix() for p in project.path("docs").glob("*.md")],
    ):
        text = project.path(name).read_text(encoding="utf-8")
        for old, new in renames.items():
            text = text.replace(f"({old}", f"({new}").replace(f": {old}", f": {new}")
        project.path(name).write_text(text, encoding="utf-8")
    project.write("redirects.yml", "redirects:\n  privacy/: privacy-notice.md\n")
    out = run_build(project)
    # One address gone and one new: a rename, named at the new page's menu line (where the
    # editor is working), not in the ledger the editor never opened.
    menu = project.path("mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(
        n for n, text in enumerate(menu, 1) if text.strip().endswith("hair-loss-in-women.md")
    )
    assert f"mkdocs.yml:{line}: the page address 'women/' was published before" in out
    assert (
        "Fix: add the line  women/: hair-loss-in-women.md  under 'redirects:' in redirects.yml"
        in out
    )
    project.write(
        "redirects.yml",
        "redirects:\n  privacy/: privacy-notice.md\n  women/: hair-loss-in-women.md\n",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "SITECHECK_REPORT_ONLY")}
    done = subprocess.run(
        ["./run", "build"], cwd=project.root, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]
    assert "url=../hair-loss-in-women/" in project.path("site/women/index.html").read_text()
    assert "url=../privacy-notice/" in project.path("site/privacy/index.html").read_text()
    assert 'href="../privacy-notice/"' in project.path("site/cost/index.html").read_text()


def test_run_build_with_an_unreviewed_medical_sentence_does_not_say_ready(tmp_path):
    project = runnable(tmp_path)
    project.replace(
        "docs/contact.md",
        "You are welcome to bring someone with you.\n",
        "You are welcome to bring someone with you.\n\nMost people feel sore for a day.\n",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "SITECHECK_REPORT_ONLY")}
    done = subprocess.run(
        ["./run", "build"], cwd=project.root, env=env, capture_output=True, text=True, check=False
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-2000:]
    assert "docs/contact.md:" in out and "this medical sentence is not reviewed yet" in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("Built ") and "not ready to publish: 1 notice above waits" in last, last
    assert "No problems" not in out


def test_run_build_names_a_page_line_and_a_snippet_line(tmp_path):
    project = runnable(tmp_path)
    project.replace(
        "docs/contact.md",
        "You are welcome to bring someone with you.\n",
        "You are welcome to bring someone with you.\n\nCall R. Patel on 217-555-0187 about his diabetes.\n",
    )
    project.replace(
        "docs/snippets/sources.yml",
        "    finding: In 6 small studies with 188 people,",
        "    finding: TODO check. In 6 small studies with 188 people,",
    )
    out = run_build(project)
    assert "docs/contact.md:" in out and "phone number that is not the clinic's" in out
    assert f"docs/snippets/sources.yml:{SOURCES_LINE}: a note for the editors (“TODO”)" in out
    assert "Fix: " in out
