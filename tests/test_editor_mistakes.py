"""Every mistake of the catalogue (tests/data/editor_mistakes.yml) gets one message in the
editors' words, at its file and line, and never a traceback: from the checks, from ./run build,
and from MkDocs' own build (the hook)."""

from __future__ import annotations

import pytest

from devtools.site import ROOT
from sitecheck.rules.project import preflight
from tests.checks import mistakes

CATALOGUE = mistakes.load()


def original(mistake) -> str:
    return (ROOT / mistake.file).read_text(encoding="utf-8")


def test_the_catalogue_has_at_least_25_distinct_mistakes():
    ids = [m.id for m in CATALOGUE]
    assert len(ids) >= 25 and len(set(ids)) == len(ids)
    assert {m.file for m in CATALOGUE} == {"mkdocs.yml", "clinic.yml", "docs/cost.md"}


def test_the_real_project_has_none_of_them():
    assert preflight.check_project(ROOT) == []


@pytest.mark.parametrize("mistake", CATALOGUE, ids=lambda m: m.id)
def test_each_mistake_is_named_at_its_file_and_line(project, mistake):
    mistake.plant(project.root)
    found = [str(f) for f in preflight.check_project(project.root)]
    where = mistake.where(original(mistake))
    assert any(f.startswith(f"{where}: ") and mistake.says in f for f in found), (where, found)
    assert not any("Traceback" in f for f in found)


@pytest.mark.parametrize("mistake", CATALOGUE, ids=lambda m: m.id)
def test_run_build_stops_with_the_message_and_no_traceback(project, mistake):
    mistake.plant(project.root)
    result = mistakes.run_build(project.root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"{mistake.where(original(mistake))}: " in output and mistake.says in output, output
    assert "Traceback" not in output
    assert not (project.root / "site" / "index.html").exists()  # stopped before any page


def test_mkdocs_own_build_stops_in_the_hook_before_any_page(project):
    """Without the wrapper (e.g. `mkdocs build` typed by hand) the hook's on_config stops it."""
    mistake = next(m for m in CATALOGUE if m.id == "nbsp-after-title")
    mistake.plant(project.root)
    result = project.build(strict=True)
    assert result.returncode != 0
    assert "The site cannot be built until this is fixed" in result.output
    assert f"{mistake.where(original(mistake))}: {mistake.says[:40]}" in result.output
    assert "Traceback" not in result.output
    assert not (project.root / "site" / "cost" / "index.html").exists()


def test_an_unforeseen_mkdocs_failure_is_one_sentence_not_a_traceback():
    from io import StringIO

    from sitecheck.drivers.build import filter_output

    lines = [
        "INFO - Building documentation...\n",
        "Traceback (most recent call last):\n",
        '  File "x.py", line 1, in <module>\n',
        "    boom()\n",
        "ValueError: something odd\n",
    ]
    out = StringIO()
    filter_output(lines, out)
    assert "Traceback" not in out.getvalue() and "File " not in out.getvalue()
    assert "The build failed in a way the checks do not recognise (ValueError: something odd)" in (
        out.getvalue()
    )
