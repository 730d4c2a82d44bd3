"""Issue 30: mkdocs.yml is checked against the developers' allow-list before MkDocs reads it.
Pure functions on the real mkdocs.yml text: each planted change is refused at its line."""

from __future__ import annotations

import pytest

from devtools.move_facts import move
from devtools.site import ROOT
from sitecheck.rules.project.config_allowlist import check, without_nav

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def test_the_real_config_is_allowed():
    assert check(CONFIG, "mkdocs.yml") == []


def test_the_allowlist_holds_the_real_config_without_nav():
    allowlist = (ROOT / "sitecheck/rules/project/config_allowlist.yml").read_text(encoding="utf-8")
    assert without_nav(CONFIG) in allowlist


@pytest.mark.parametrize(
    ("old", "new", "marker"),
    [
        # code on the build machine
        ("hooks:\n", "hooks:\n  - docs/evil.py\n", "docs/evil.py"),
        ("module_name: macros", "module_name: docs.evil", "module_name"),
        (
            "      on_error_fail: true\n",
            "      on_error_fail: true\n      modules: [docs.x]\n",
            "modules",
        ),
        (
            "      on_error_fail: true\n",
            "      on_error_fail: true\n      include_yaml: [/etc/x.yml]\n",
            "include_yaml",
        ),
        ("  - toc:\n", "  - toc:\n      slugify: !!python/name:os.system\n", "slugify"),
        (
            "copyright: Example Hair Clinic",
            "copyright: !!python/object/apply:os.system ['id']",
            "copyright",
        ),
        (
            "      check_paths: true\n",
            "      check_paths: true\n      url_download: true\n",
            "url_download",
        ),
        ("base_path: [docs/snippets]", "base_path: [/]", "base_path"),
        # what every page loads or prints
        (
            "  - assets/javascripts/theme.js\n",
            "  - assets/javascripts/theme.js\n  - https://t.example/t.js\n",
            "t.example",
        ),
        ("custom_dir: overrides", "custom_dir: docs/theme", "custom_dir"),
        ("  font: false\n", "  font: false\n  favicon: https://t.example/f.ico\n", "favicon"),
        (
            "copyright: Example Hair Clinic",
            'copyright: <meta http-equiv="refresh" content="0;url=https://e.example">',
            "copyright",
        ),
        (
            "site_url: https://patients.hair-clinic.example/",
            "site_url: https://evil.example/",
            "site_url",
        ),
        ("edit_uri: edit/main/docs/", "edit_uri: https://evil.example/login?next=", "edit_uri"),
        (
            "  generator: false\n",
            "  generator: false\n  analytics:\n    provider: google\n",
            "analytics",
        ),
        ("  generator: false\n", "  generator: false\n  consent:\n    title: Cookies\n", "consent"),
        (
            "exclude_docs: |\n  snippets/\n",
            "exclude_docs: |\n  snippets/\n  !.well-known/\n",
            "exclude_docs",
        ),
    ],
)
def test_a_changed_setting_is_refused_at_its_line(old, new, marker):
    assert old in CONFIG
    text = CONFIG.replace(old, new, 1)
    found = check(text, "mkdocs.yml")
    assert found, f"not refused: {new!r}"
    assert found[0].line == line_of(text, marker), found
    assert "A developer must make this change" in found[0].fix


@pytest.mark.parametrize(
    "added",
    [
        "INHERIT: ../base.yml\n",
        "extra_templates:\n  - robots.txt\n",
        "google_analytics: [UA-1, x]\n",
    ],
)
def test_a_new_top_level_setting_is_refused(added):
    found = check(added + CONFIG, "mkdocs.yml")
    assert found and found[0].line == 1
    assert "not in the developers' allow-list" in found[0].what


def test_a_python_tag_is_named_as_code():
    text = CONFIG.replace(
        "copyright: Example Hair Clinic", "copyright: !!python/object/new:os.system [id]"
    )
    (finding,) = check(text, "mkdocs.yml")
    assert "YAML tag tag:yaml.org,2002:python/object/new:os.system" in finding.what


def test_env_tag_in_the_menu_is_refused():
    text = CONFIG.replace("  - Home: index.md", "  - Home: !ENV [HOME, index.md]")
    (finding,) = check(text, "mkdocs.yml")
    assert finding.line == line_of(text, "!ENV") and "!ENV" in finding.what


def test_anchors_and_aliases_are_refused_before_anything_is_built():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    found = check(bomb + CONFIG, "mkdocs.yml")
    assert [f.line for f in found][:2] == [1, 2]
    assert "anchor or alias" in found[0].what


def test_clinic_facts_in_mkdocs_yml_point_to_clinic_yml():
    text = CONFIG.replace("extra:\n", "extra:\n  clinic:\n    name: X\n", 1)
    found = check(text, "mkdocs.yml")
    assert any("clinic's facts now live in clinic.yml" in f.what for f in found), found
    assert any("devtools.move_facts" in f.fix for f in found)


def test_a_removed_setting_is_refused():
    text = CONFIG.replace("exclude_docs: |\n  snippets/\n", "")
    found = check(text, "mkdocs.yml")
    assert any("'exclude_docs' is missing" in f.what for f in found), found


def test_the_menu_may_change():
    text = CONFIG.replace("      - Privacy: privacy.md\n", "      - Privacy notice: privacy.md\n")
    assert check(text, "mkdocs.yml") == []


def test_move_facts_carries_a_branchs_new_fact_into_clinic_yml():
    facts = (ROOT / "clinic.yml").read_text(encoding="utf-8")
    old_style = CONFIG.replace(
        "extra:\n",
        "extra:\n  # the facts\n  clinic:\n    name: X\n    new_fact: 3\n"
        '  emergency_number: "911"\n',
        1,
    )
    config, new_facts, keys = move(old_style, facts)
    assert keys == ["clinic", "emergency_number"]
    assert config == CONFIG
    assert "clinic:\n  name: X\n  new_fact: 3\n" in new_facts
    assert "# the facts\nclinic:" in new_facts
    assert new_facts.count("clinic:\n") == 1 and "Example Hair Clinic" not in new_facts
