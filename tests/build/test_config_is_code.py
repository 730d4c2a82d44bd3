"""Issue 30 through the real build: every fault of a family planted in one project copy and
built once. mkdocs.yml and the sources are refused by `./run build` before MkDocs reads or
renders anything (file:line, a fix, no traceback, nothing ran); built-page faults stop the build
and refused files never reach site/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.checks.config_payloads import (
    CONFIG_FAULTS,
    MARKER,
    PAGE_FAULTS,
    SOURCE_FAULTS,
    plant_config,
    plant_pages,
    plant_sources,
    run_build,
    runnable,
)
from tests.conftest import ProjectCopy, page


@pytest.fixture(scope="module")
def refused_config(tmp_path_factory):
    Path(MARKER).unlink(missing_ok=True)
    project = ProjectCopy(tmp_path_factory.mktemp("config") / "project")
    runnable(project)
    lines = plant_config(project)
    return lines, run_build(project), project


@pytest.mark.parametrize("name", sorted(CONFIG_FAULTS))
def test_each_config_change_is_refused_at_its_line(refused_config, name):
    lines, result, _ = refused_config
    assert result.returncode != 0
    expected = f"mkdocs.yml:{lines[name]}: "
    said = [line for line in result.stderr.splitlines() if expected in line]
    assert said, result.stderr
    assert "A developer must make this change" in said[0] and "Fix: " in said[0]


def test_nothing_of_the_config_ran_or_was_built(refused_config):
    _, result, project = refused_config
    assert not os.path.exists(MARKER), "a YAML tag or a hook ran on the build machine"
    assert "Traceback" not in result.stdout + result.stderr
    assert "do not recognise" not in result.stderr
    assert not project.path("site/index.html").exists()


@pytest.fixture(scope="module")
def refused_sources(tmp_path_factory):
    project = ProjectCopy(tmp_path_factory.mktemp("sources") / "project")
    runnable(project)
    plant_sources(project)
    return run_build(project), project


@pytest.mark.parametrize("name", sorted(SOURCE_FAULTS))
def test_each_source_fault_is_refused_before_rendering(refused_sources, name):
    result, _ = refused_sources
    file, expected = SOURCE_FAULTS[name]
    assert result.returncode != 0
    said = [line for line in result.stderr.splitlines() if expected in line]
    assert said, result.stderr
    assert said[0].lstrip().startswith(f"{file}:") and "Fix: " in said[0]


def test_no_source_fault_reached_the_build_machine_or_the_site(refused_sources):
    result, project = refused_sources
    out = result.stdout + result.stderr
    assert "Traceback" not in out and "do not recognise" not in out
    assert "root:" not in out  # /etc/passwd was not read into any message
    assert not project.path("site/index.html").exists()


@pytest.fixture(scope="module")
def planted_pages(tmp_path_factory):
    project = ProjectCopy(tmp_path_factory.mktemp("pages") / "project")
    plant_pages(project)
    return project, project.build()


@pytest.mark.parametrize("name", sorted(PAGE_FAULTS))
def test_each_page_fault_is_found_with_its_file(planted_pages, name):
    _, build = planted_pages
    file, expected = PAGE_FAULTS[name]
    said = [str(f) for f in build.findings() if f.file == file]
    assert any(expected in s for s in said), said or build.output[-3000:]
    assert all("Fix: " in s for s in said)


def test_refused_files_are_not_published(planted_pages):
    _, build = planted_pages
    for name in ("evil.html", "evil.js", "_redirects", "images/evil.svg", "leaflet.pdf"):
        assert not (build.site / name).exists(), name
    assert (build.site / "images/plain.svg").is_file()


def test_no_built_file_asks_another_host_for_anything(planted_pages):
    _, build = planted_pages
    for path in build.site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in text or path.parent.name == "emoji", path


def test_the_page_faults_stop_run_build_with_file_line_and_fix(tmp_path):
    project = ProjectCopy(tmp_path / "project")
    runnable(project)
    project.write("docs/premium.md", page("Premium", "Call [our line](tel:+19005550199)."))
    project.write("docs/evil.html", "<script>alert(1)</script>")
    project.add_to_menu("premium.md")
    result = run_build(project)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/premium.md:11: the phone link 'tel:+19005550199'" in out
    assert "docs/evil.html:1: 'evil.html' is not a kind of file the site publishes" in out
    assert "Fix: " in out and "Traceback" not in out
