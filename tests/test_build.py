"""The site builds strictly and silently; bad input stops the build with a clear message."""

from tests.conftest import page


def test_strict_build_prints_no_warnings(built_site):
    assert built_site.returncode == 0
    assert built_site.warnings() == [], "\n".join(built_site.warnings())


def test_no_editors_note_reaches_patients_and_inline_code_stays_whole(built_site):
    """methods.md and decision-aid.md carry claim-ok notes: read by the checks, never sent."""
    from sitecheck.outputs.material_html_fix import without_notes

    assert "claim-ok" in (built_site.project / "docs/methods.md").read_text(encoding="utf-8")
    pages = built_site.html_pages()
    sent = [p for p in pages if "<!--" in (built_site.site / p).read_text(encoding="utf-8")]
    assert sent == []
    script = "<script>var a = '<!-- kept -->';</script>"
    assert without_notes(f"<p>Hi<!-- cheap hair cost, hair price --></p>{script}") == (
        f"<p>Hi</p>{script}"
    )
    quoted = '<abbr title="<!--">x</abbr><p>Kept.</p><!-- note -->'
    assert without_notes(quoted) == '<abbr title="<!--">x</abbr><p>Kept.</p>'


def test_invalid_mkdocs_yml_stops_the_build(project):
    project.replace("mkdocs.yml", "site_name: ", "site_name: [unclosed ")
    result = project.build()
    assert result.returncode != 0
    assert "mkdocs.yml" in result.output
    assert "line" in result.output


def test_invalid_front_matter_stops_the_build_naming_file_and_line(project):
    project.write(
        "docs/broken.md", "---\ntitle: Cost\ndescription: Price: about: 1650\n---\n\n# Cost\n"
    )
    result = project.build()
    assert result.returncode != 0
    assert "docs/broken.md:3: the front matter is not valid YAML" in result.output
    assert "Fix:" in result.output


def test_unclosed_front_matter_stops_the_build(project):
    project.write("docs/open.md", "---\ntitle: Cost\n\n# Cost\n")
    result = project.build()
    assert result.returncode != 0
    assert "docs/open.md:1: the front matter opened with '---' is never closed" in result.output


def test_missing_snippet_stops_the_build_naming_page_and_snippet(project):
    project.write("docs/snip.md", page("Snip", '--8<-- "no-such-file.md"'))
    result = project.build()
    assert result.returncode != 0
    assert "snip.md" in result.output
    assert "no-such-file.md" in result.output


def test_mistyped_clinic_fact_stops_the_build(project):
    project.write("docs/fact.md", page("Fact", "Price: {{ clinic.prise.amount }}"))
    result = project.build()
    assert result.returncode != 0
    assert "prise" in result.output
    assert "fact.md" in result.output


def test_mkdocs_yml_has_no_key_written_twice():
    """YAML keeps only the last of two equal keys: a second extra_css: would drop stylesheets."""
    from devtools.site import ROOT
    from sitecheck.core.yaml_keys import duplicate_keys

    assert duplicate_keys((ROOT / "mkdocs.yml").read_text(encoding="utf-8")) == []


def test_key_written_twice_is_found_with_both_lines(project):
    from sitecheck.core.yaml_keys import duplicate_keys

    project.append("mkdocs.yml", "\nextra_css:\n  - stylesheets/other.css\n")
    text = project.path("mkdocs.yml").read_text(encoding="utf-8")
    first = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("extra_css:"))
    last = len(text.splitlines()) - 1
    assert duplicate_keys(text) == [("extra_css", first, last)]
