"""Issue 12: every payload of the security review, planted in one project copy, stops the build
naming its file (and line where the source has one), and no smuggled script is hashed into the
Content-Security-Policy."""

from __future__ import annotations

import pytest

from sitecheck.outputs.headers import META_POLICY, deploy_dir
from tests.checks.payloads import JINJA, assert_nothing_ran, plant
from tests.checks.security_headers import csp_directives, site_policy
from tests.conftest import ProjectCopy


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    project = ProjectCopy(tmp_path_factory.mktemp("payloads") / "project")
    plant(project)
    return project, project.build()


def messages(build, name: str) -> str:
    return "\n".join(str(f) for f in build.findings() if f.file == f"docs/{name}.md")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("concat", "raw HTML <script> is not allowed on a page"),
        ("backtick", "docs/backtick.md:13: raw HTML <script> is not allowed"),
        ("comment", "docs/comment.md:13: raw HTML <script> is not allowed"),
        ("snippet-html", "raw HTML <script> is not allowed"),
        ("refresh", "docs/refresh.md:11: raw HTML <meta> is not allowed"),
        ("form", "docs/form.md:11: raw HTML <form> is not allowed"),
        ("base", "docs/base.md:11: raw HTML <base> is not allowed"),
        ("stylesheet", "docs/stylesheet.md:11: raw HTML <link> is not allowed"),
        ("style-tag", "docs/style-tag.md:11: raw HTML <style> is not allowed"),
        ("overlay", 'docs/overlay.md:11: style="position:fixed;inset:0;background:#fff" on <div>'),
        ("tab-scheme", "docs/tab-scheme.md:11: a link uses a 'java\tscript:' address"),
        ("xlink", "a link uses a 'javascript:' address"),
        ("theme-foot", "raw HTML <script> is not allowed on a page"),
        ("title-close", "docs/title-close.md:2: 'title' contains '<', '>'"),
        ("title-escape", "docs/title-escape.md:2: 'title' contains"),
        ("quote", "docs/quote.md:2: 'title' contains '\"'"),
        ("desc-quote", "docs/desc-quote.md:3: 'description' contains '\"'"),
    ],
)
def test_payload_stops_the_build_with_file_and_fix(planted, name, expected):
    _, build = planted
    text = messages(build, name)
    assert expected in text, text or build.output[-3000:]
    assert "Fix: " in text


def test_a_quote_in_the_description_is_not_called_javascript(planted):
    _, build = planted
    for name in ("quote", "desc-quote"):
        assert "puts JavaScript in an attribute" not in messages(build, name)


def test_the_strict_build_fails_on_the_payloads(planted):
    project, _ = planted
    result = project.build(strict=True)
    assert result.returncode != 0
    assert "The build stopped" in result.output


def test_jinja_payload_stops_the_build_before_it_renders_anything(tmp_path):
    project = ProjectCopy(tmp_path / "project")
    project.write("docs/jinja.md", JINJA)
    build = project.build()
    assert build.returncode != 0
    assert "docs/jinja.md:11: a template in the page uses '.__globals__'" in build.output
    assert "Fix: " in build.output and "Traceback" not in build.output
    assert "uid=" not in build.output  # it never ran on the build machine
    assert not (build.site / "jinja").exists()


def test_smuggled_scripts_are_not_hashed_into_the_policy(planted, built_site):
    _, build = planted
    theirs = set(csp_directives(site_policy(build.site))["script-src"])
    ours = set(csp_directives(site_policy(built_site.site))["script-src"])
    assert theirs == ours
    head = build.findings("inline-code")
    assert any("title-close" in f.file and "the theme did not write" in f.what for f in head)


@pytest.mark.browser
def test_no_payload_runs_in_chromium_through_nginx(planted, browser, tmp_path):
    from devtools.nginx import BROWSER_ORIGIN, browser_context, require_nginx, run_nginx

    require_nginx()
    _, build = planted
    conf = (deploy_dir(build.site) / "_nginx.conf").read_text(encoding="utf-8")
    with run_nginx(build.site, conf, tmp_path / "nginx") as server:
        context = browser_context(browser, server)
        try:
            assert_nothing_ran(context.new_page(), BROWSER_ORIGIN)
        finally:
            context.close()


@pytest.mark.browser
def test_no_payload_runs_on_a_host_without_headers_with_the_meta_policy(
    tmp_path_factory, browser, monkeypatch
):
    """GitHub Pages sends no headers: SITECHECK_META_CSP=1 puts the policy in every page."""
    from devtools.serve import serve

    project = ProjectCopy(tmp_path_factory.mktemp("pages") / "project")
    plant(project)
    monkeypatch.setenv(META_POLICY, "1")
    build = project.build()
    pages = sorted(build.site.rglob("*.html"))
    heads = [p.read_text(encoding="utf-8").split("<head>", 1)[1][:60] for p in pages]
    assert all(h.startswith('<meta http-equiv="Content-Security-Policy"') for h in heads)
    with serve(build.site) as base_url:
        context = browser.new_context(service_workers="block")
        try:
            assert_nothing_ran(context.new_page(), base_url)
        finally:
            context.close()
