"""Templates in pages are data, not code: the allow-list names file and line before anything
runs, pages render in Jinja's sandbox under MkDocs, and Zensical still fills in the facts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import SecurityError

from macros.sandbox import sandboxed
from sitecheck.drivers.cli import load_built_site
from sitecheck.rules.source.template_code import check_template_code
from tests.conftest import page

RCE = '{{ cycler.__init__.__globals__.os.popen("id").read() }}'
ZENSICAL = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "zensical"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (RCE, "'.__globals__'"),
        ('{{ cycler[("_" ~ "_init__")] }}', "a [...] look-up that is not a plain name"),
        ('{{ clinic|attr("x") }}', "the filter '|attr'"),
        ("{{ config.site_name }}", "the name 'config'"),
        ('{% include "cost.md" %}', "'Include'"),
        ("{{ lipsum() }}", "a call to something that is not one of the site's macros"),
    ],
)
def test_template_outside_the_allow_list_is_named_with_line(template, expected):
    text = "\n".join(
        str(f) for f in check_template_code(f"Text\n\n{template}\n", "docs/x.md", {"clinic"})
    )
    assert f"docs/x.md:3: a template in the page uses {expected}" in text, text
    assert "Fix: use the clinic's facts" in text


def test_facts_loops_and_macros_pass():
    text = "{% for r in clinic.not_for %}{{ r.condition | lower }}{% if loop.last %}.{% endif %}{% endfor %} {{ glossary() }}"
    assert check_template_code(text, "docs/x.md", {"clinic"}) == []


def test_the_sandbox_refuses_python_internals_even_past_the_check():
    box = sandboxed(jinja2.Environment(undefined=jinja2.StrictUndefined))
    with pytest.raises(SecurityError):
        box.from_string(RCE).render()
    with pytest.raises(SecurityError):
        box.from_string('{{ cycler["_" ~ "_init__"].__globals__ }}').render()
    assert box.from_string("{{ clinic.price }}").render(clinic={"price": 5}) == "5"


def test_mkdocs_pages_see_only_facts_and_macros(project):
    # Past the pre-check (a snippet is not checked as a page), the sandbox still has no config.
    project.write("docs/leak.md", page("Leak", "Site: {{ config.site_name }}"))
    result = project.build()
    assert "docs/leak.md:11: a template in the page uses the name 'config'" in result.output
    assert not (result.site / "leak").exists()


def test_zensical_builds_the_site_with_the_facts_and_refuses_the_payload(project):
    from tests.checks.zensical import zensical_config

    def zensical():
        config = zensical_config(project.root)  # Zensical runs no hook: facts in its config
        return subprocess.run(
            [str(ZENSICAL), "build", "-f", config],
            cwd=project.root,
            capture_output=True,
            text=True,
            timeout=300,
        )

    result = zensical()
    assert result.returncode == 0, result.stdout + result.stderr
    cost = (project.root / "site" / "cost" / "index.html").read_text(encoding="utf-8")
    assert "{{" not in cost and "1650" in cost.replace(",", "")
    # Zensical's own inline scripts are its templates' scripts: allowed and hashed, no finding.
    engine = load_built_site(project.root, project.root / "site")
    assert [str(f) for f in engine.sorted_findings() if f.rule == "inline-code"] == []
    assert engine.inline.script_hashes()
    project.write("docs/jinja.md", page("Jinja", RCE))
    result = zensical()
    output = result.stdout + result.stderr
    assert "docs/jinja.md:11: a template in the page uses" in output, output
    assert "uid=" not in output
    assert not (project.root / "site" / "jinja" / "index.html").exists()


def test_the_allowed_macros_are_exactly_the_sites_macros():
    import macros
    from sitecheck.rules.source.template_code import MACROS

    class Env:
        def __init__(self):
            self.conf = {"docs_dir": "docs", "nav": [], "extra": {}}
            self.variables = {"extra": {}, "clinic": {}}
            self.macros = {}

        def macro(self, function):
            self.macros[function.__name__] = function
            return function

    env = Env()
    for module in macros.MODULES:
        module.register(env)
    assert set(env.macros) == MACROS


def test_the_theme_renders_in_the_sandbox_too(project, tmp_path):
    # A pull request that changes a theme partial (held-out attack set 3): the build stops
    # before the payload runs, and the theme's honest templates still render (every build).
    marker = tmp_path / "ran"
    project.append(
        "overrides/partials/date.html",
        f'{{{{ cycler.__init__.__globals__.os.popen("touch {marker}").read() }}}}\n',
    )
    result = project.build()
    assert result.returncode != 0
    assert not marker.exists()
    assert (
        "overrides/partials/date.html:9: a theme template reaches into Python, which the sandbox "
        "refuses (access to attribute '__init__'"
    ) in result.output
