"""Inline scripts are allowed only by hashes computed from the built site: the hook keeps them
current, a stale header file is caught naming the page, and code in attributes stops the build."""

from __future__ import annotations

from tests.checks.inline_scripts import inline_script_problems
from tests.checks.problems import assert_none, report
from tests.checks.security_headers import site_policy
from tests.conftest import page

PLANTED = '<script>document.documentElement.dataset.planted = "yes";</script>'


def test_build_hashes_every_inline_script_it_emits(built_site):
    problems = inline_script_problems(built_site, site_policy(built_site.site), "site/_headers")
    assert_none(problems, "inline scripts missing from the CSP")


def test_theme_script_added_after_the_headers_were_made_is_caught_naming_the_page(
    project, built_site
):
    stale_csp = site_policy(built_site.site)  # the unchanged project's build
    # A script the theme's templates write (overrides/) is allowed and hashed by the next build.
    project.append("overrides/main.html", f"\n{{% block extrahead %}}{PLANTED}{{% endblock %}}\n")
    fresh = project.build()
    assert fresh.returncode == 0, fresh.output

    message = report(inline_script_problems(fresh, stale_csp, "the old _headers"), "stale")
    assert "docs/cost.md (cost/index.html): inline script 'document.documentElement" in message
    assert "is not allowed by the Content-Security-Policy in the old _headers" in message
    assert "Fix: rebuild the site" in message
    # The new build's own headers cover it: the hashes follow the templates.
    assert inline_script_problems(fresh, site_policy(fresh.site), "new") == []


def test_script_in_a_page_is_refused_and_never_hashed(project, built_site):
    before = built_site  # the unchanged project's build
    project.write("docs/planted.md", page("Planted", PLANTED))
    after = project.build()
    assert after.engine().inline.script_hashes() == before.engine().inline.script_hashes()
    message = report(after.findings("raw-html"), "planted")
    assert "docs/planted.md:11: raw HTML <script> is not allowed on a page" in message
    assert inline_script_problems(after, site_policy(after.site), "new") != []


def test_json_ld_and_other_data_blocks_need_no_hash(project, built_site):
    before = built_site  # the unchanged project's build
    count = len(before.engine().inline.script_hashes())
    data = '<script type="application/ld+json">{"@type": "MedicalWebPage"}</script>'
    project.write("docs/data.md", page("Data", data))
    after = project.build()
    assert after.returncode == 0, after.output
    inline = after.engine().inline
    assert len(inline.script_hashes()) == count
    assert not [s for s in inline.scripts if "MedicalWebPage" in s.code]


def test_code_in_an_attribute_stops_the_strict_build_naming_the_page(project):
    project.write("docs/clicky.md", page("Clicky", '<button onclick="alert(1)">Press</button>'))
    project.append("mkdocs.yml", "\n")
    project.add_to_menu("clicky.md")
    result = project.build(strict=True)
    assert result.returncode != 0
    assert "docs/clicky.md:11: <button onclick=...> runs code in the page" in result.output
    assert "Fix: remove the attribute" in result.output


def test_new_table_alignment_under_a_stale_policy_is_caught_naming_the_page(project, built_site):
    stale_csp = site_policy(built_site.site)  # the unchanged project's build
    table = "| Step | Weeks |\n| :---: | :---: |\n| Review | 6 |\n"
    project.write("docs/centred.md", page("Centred", table))
    fresh = project.build()
    assert fresh.returncode == 0, fresh.output
    message = report(
        inline_script_problems(fresh, stale_csp, "the old _headers"),
        "stale",
    )
    assert 'docs/centred.md (centred/index.html): style="text-align: center;"' in message, message
    assert "is not allowed by the Content-Security-Policy in the old _headers" in message
    assert inline_script_problems(fresh, site_policy(fresh.site), "new") == []
