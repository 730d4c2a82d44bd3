"""Issue 30: what preflight refuses before MkDocs: published file kinds, front-matter fields,
menu entries, snippet paths and fan-out, direction marks, and clinic.yml as plain data."""

from __future__ import annotations

import base64
import shutil

import pytest

from devtools.site import ROOT
from sitecheck.rules.project import file_kinds, preflight
from sitecheck.rules.source import front_matter_fields
from sitecheck.rules.source.front_matter import read

PAGE = "---\ntitle: T\ndescription: D\n{extra}---\n\n# T\n\ntext\n"


@pytest.mark.parametrize(
    "name",
    [
        "evil.html", "app.js", "x.mjs", "extra.css", "_redirects", "_headers", "_worker.js",
        "web.config", "CNAME", "robots.txt", "staticwebapp.config.json", "404.htm", "a.xml",
    ],
)  # fmt: skip
def test_only_allowed_kinds_are_published(tmp_path, name):
    (tmp_path / name).write_text("x", encoding="utf-8")
    what, fix = file_kinds.refusal(name, tmp_path / name)
    assert "not a kind of file the site publishes" in what and "delete it" in fix


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg><rect onload="alert(1)"/></svg>',
        b'<svg><image href="https://t.example/x.png"/></svg>',
        b'<svg><use xlink:href="data:image/svg+xml;base64,AAA"/></svg>',
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>',
        b"<svg><foreignObject><iframe/></foreignObject></svg>",
        b"<svg><style>@import url(https://t.example/x.css);</style></svg>",
    ],
)
def test_a_scripted_or_loading_svg_is_refused(tmp_path, svg):
    (tmp_path / "a.svg").write_bytes(svg)
    what, _ = file_kinds.refusal("images/a.svg", tmp_path / "a.svg")
    assert "can run code, load other files or grow" in what


def test_plain_pictures_pages_and_named_files_pass(tmp_path):
    (tmp_path / "a.svg").write_bytes(b'<svg viewBox="0 0 1 1"><rect fill="#fff"/></svg>')
    (tmp_path / "a.png").write_bytes(base64.b64decode("iVBORw0KGgo="))
    (tmp_path / "self-check.js").write_text("x")
    assert file_kinds.refusal("images/a.svg", tmp_path / "a.svg") is None
    assert file_kinds.refusal("images/a.png", tmp_path / "a.png") is None
    assert file_kinds.refusal("javascripts/self-check.js", tmp_path / "self-check.js") is None


def test_a_pdf_with_javascript_is_refused(tmp_path):
    (tmp_path / "a.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"
    )
    what, _ = file_kinds.refusal("leaflet.pdf", tmp_path / "a.pdf")
    assert "holds an action or script" in what


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ("subtitle: <svg onload=alert(1)>\n", "the field 'subtitle'"),
        ("clinic:\n  phone_link: '+19005550199'\n", "the field 'clinic'"),
        ("hide: [navigation]\n", "the field 'hide'"),
        ("template: main.html\n", "not one of the site's page templates"),
        ("hero_question: '<img src=x onerror=alert(4)>Help?'\n", "code or markup"),
    ],
)
def test_front_matter_fields_come_from_the_allow_list(extra, said):
    text = PAGE.format(extra=extra)
    data, lines = read(text, "docs/x.md")
    (finding,) = front_matter_fields.check(data, lines, "docs/x.md")
    assert finding.line == 4 and said in finding.what


def test_the_home_pages_fields_pass():
    text = PAGE.format(extra="template: home.html\nhero_question: Could it help me?\n")
    assert front_matter_fields.check(*read(text, "docs/index.md"), "docs/index.md") == []


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ('      - Offer: "javascript:alert(1)"\n', "is an address"),
        ("      - Pay: https://evil.example/pay\n", "is an address"),
        ("      - Pay: //evil.example/pay\n", "is an address"),
        ("      - '<img src=x onerror=alert(1)>Help': faq.md\n", "holds code or markup"),
    ],
)
def test_menu_entries_name_pages_with_plain_titles(entry, said):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = config.replace("      - Privacy: privacy.md\n", "      - Privacy: privacy.md\n" + entry)
    from sitecheck.rules.facts.clinic_facts import node_lines

    data, _ = preflight.parse_yaml(text, "mkdocs.yml")
    found = preflight.menu(data, node_lines(text), ROOT / "docs", "mkdocs.yml")
    line = text.split("\n").index(entry.rstrip("\n")) + 1
    assert (line, True) in [(f.line, said in f.what) for f in found], found


def test_a_direction_mark_is_refused_with_its_column():
    (finding,) = preflight.invisible("Price: $\u202e0561 a session", "docs/cost.md")
    assert finding.line == 1 and "column 9 has an invisible direction mark" in finding.what


def test_snippets_outside_the_folder_or_remote_are_refused(tmp_path):
    folders = {tmp_path / "docs/snippets": "docs/snippets"}
    (tmp_path / "docs/snippets").mkdir(parents=True)
    for name in ("../../etc/passwd", "/etc/passwd", "https://t.example/x.md"):
        text = f'# T\n\n--8<-- "{name}"\n'
        (finding,) = preflight.snippets(text, "docs/x.md", folders)
        assert finding.line == 3 and "not a file inside docs/snippets/" in finding.what


def test_a_snippet_fan_out_is_refused(tmp_path):
    folder = tmp_path / "docs/snippets"
    folder.mkdir(parents=True)
    for i in range(1, 7):
        (folder / f"b{i}.md").write_text(f'--8<-- "b{i + 1}.md"\n\n' * 10)
    (folder / "b7.md").write_text("BOMB-LEAF text line.\n")
    (finding,) = preflight.snippets('--8<-- "b1.md"\n', "docs/x.md", {folder: "docs/snippets"})
    assert "includes other snippets" in finding.what


def project_with_facts(tmp_path, facts: str):
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "clinic.yml").write_text(facts, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("facts", "said"),
    [
        ("clinic:\n  address: !ENV [PATH, x]\n", "holds a YAML tag"),
        ("clinic:\n  name: !!python/object/apply:os.system [id]\n", "holds a YAML tag"),
        ("a: &a [x, x]\nclinic:\n  name: *a\n", "anchor or alias"),
        ("clinic: {}\nsite_url: https://x.example/\n", "'site_url' is not a fact"),
    ],
)
def test_clinic_yml_is_plain_data(tmp_path, facts, said):
    _, found = preflight.check_facts_file(project_with_facts(tmp_path, facts))
    assert found and said in found[0].what, found
    assert found[0].file == "clinic.yml" and found[0].line >= 1


def test_the_real_clinic_yml_has_no_problems():
    data, found = preflight.check_facts_file(ROOT)
    assert found == [] and data["clinic"]["phone"] and data["emergency_number"] == "911"


def test_a_wrong_fact_is_named_in_clinic_yml_at_its_line(tmp_path):
    facts = (
        (ROOT / "clinic.yml").read_text(encoding="utf-8").replace("amount: 1650", "amount: 1.650")
    )
    _, found = preflight.check_facts_file(project_with_facts(tmp_path, facts))
    line = facts.split("\n").index("    amount: 1.650") + 1
    assert [(f.file, f.line) for f in found] == [("clinic.yml", line)], found


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "    - condition: diabetes",
            "    - condition: 'diabetes<img src=\"https://t.example/p.gif\">'",
        ),
        ('  phone_link: "+15550134"', "  phone_link: '+15550134\" onmouseover=\"alert(1)'"),
        ("  address: 12 Example Street, Springfield", '  address: "{{ config.site_url }}"'),
    ],
)
def test_a_fact_with_markup_is_refused_at_its_line(tmp_path, old, new):
    facts = (ROOT / "clinic.yml").read_text(encoding="utf-8")
    assert old in facts
    facts = facts.replace(old, new)
    _, found = preflight.check_facts_file(project_with_facts(tmp_path, facts))
    line = facts.split("\n").index(new) + 1
    assert any(f.line == line and "which the pages would print as code" in f.what for f in found), (
        found
    )
