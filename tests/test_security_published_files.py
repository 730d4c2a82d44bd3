"""Only files inside docs/ are published: outside symlinks, editor leftovers and hidden files
are refused, and huge or deeply nested pages give a message with the file, never a traceback."""

from __future__ import annotations

import os

import pytest

from sitecheck.rules.project.published_files import MAX_PAGE_BYTES, check_docs
from tests.checks.editorial import editorial_problems
from tests.conftest import ProjectCopy, page

NESTED = "\n".join("    " * level + "- level" for level in range(150))


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    project = ProjectCopy(tmp_path_factory.mktemp("files") / "project")
    docs = project.path("docs")
    os.symlink("/etc/passwd", docs / "passwd.txt")
    os.symlink("/proc/self/environ", docs / "env.txt")
    os.symlink("/etc", docs / "system")
    os.symlink("cost.md", docs / "same-cost.md")  # inside docs/: allowed
    project.write("docs/notes.md~", "old")
    project.write("docs/.cost.md.swp", "swap")
    project.write("docs/draft.bak", "old")
    project.write("docs/.env", "SECRET=1")
    project.write("docs/huge.md", page("Huge", "Text. " * (MAX_PAGE_BYTES // 5)))
    project.write("docs/nested.md", page("Nested", NESTED))
    return project, project.build()


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("docs/passwd.txt", "is a shortcut (symlink) to /etc/passwd, outside docs/"),
        ("docs/env.txt", "is a shortcut (symlink) to /proc/self/environ"),
        ("docs/system", "is a shortcut (symlink) to /etc, outside docs/"),
        ("docs/notes.md~", "is a backup or temporary file left by an editor"),
        ("docs/.cost.md.swp", "is a backup or temporary file"),
        ("docs/draft.bak", "is a backup or temporary file"),
        ("docs/.env", "is a hidden file"),
        ("docs/huge.md", f"a page may be at most {MAX_PAGE_BYTES // 1000} KB"),
        ("docs/nested.md:23: ", "nested more than 12 levels deep from here (150 at the deepest)"),
    ],
)
def test_refused_file_is_named_with_a_fix_and_not_published(planted, file, expected):
    _, build = planted
    found = "\n".join(str(f) for f in build.findings("published-files"))
    assert f"{file}" in found and expected in found, found
    assert "Fix: " in found
    name = file.split(":")[0].removeprefix("docs/")
    assert not (build.site / name).exists()


def test_nothing_from_outside_reaches_the_site(planted):
    _, build = planted
    assert "Traceback" not in build.output and "RecursionError" not in build.output
    texts = [p.read_bytes() for p in build.site.rglob("*") if p.is_file()]
    assert not [t for t in texts if b"root:x:0:0" in t or b"SECRET=1" in t]
    assert (build.site / "same-cost" / "index.html").exists()


def test_strict_build_stops_and_editorial_reports_the_same(planted):
    project, _ = planted
    result = project.build(strict=True)
    assert result.returncode != 0
    assert "docs/passwd.txt:1: 'passwd.txt' is a shortcut (symlink)" in result.output
    cli = "\n".join(str(f) for f in editorial_problems(project.root))
    assert "docs/env.txt" in cli and "docs/nested.md:23" in cli


def test_real_docs_folder_has_nothing_refused():
    from devtools.site import ROOT
    from sitecheck.core.config import load_config

    # Only git's empty placeholder for the pictures folder is left out, without a finding.
    assert check_docs(ROOT / "docs", load_config(ROOT)["extra"]) == ([], {"images/.gitkeep"})


def test_a_gitkeep_with_content_is_refused_like_any_hidden_file(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / ".gitkeep").write_text("password=hunter2\n", encoding="utf-8")
    found, refused = check_docs(tmp_path)
    assert refused == {"images/.gitkeep"}
    assert "'images/.gitkeep' is a hidden file" in found[0].what
