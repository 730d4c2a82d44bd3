"""Issue 12: every payload of the security review, planted in one project copy, stops the build
naming its file (and line where the source has one), and no smuggled script is hashed into the
Content-Security-Policy."""

from __future__ import annotations

import pytest

from sitecheck.headers import META_POLICY, deploy_dir
from tests.checks.security_headers import csp_directives, site_policy
from tests.conftest import ProjectCopy, page

SCRIPT = "<script>document.documentElement.dataset.pwned=1</script>"
PAGES = {
    # 1. six ways past the old source check
    "concat": page(
        "Concat", '{{ "<scr" ~ "ipt>document.documentElement.dataset.pwned=1</scr" ~ "ipt>" }}'
    ),
    "backtick": page(
        "Backtick", f'<span title="`">a</span>\n\n{SCRIPT}\n\n<span title="`">b</span>'
    ),
    "comment": page("Comment", f'<abbr title="<!--">x</abbr>\n\n{SCRIPT}\n\n<!-- -->'),
    "snippet-html": page("Snippet", '--8<-- "evil.html"'),
    # 2. Jinja that reaches Python
    "jinja": page("Jinja", '{{ cycler.__init__.__globals__.os.popen("id").read() }}'),
    # 5. tags that change where the patient goes or how the page looks
    "refresh": page("Refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">'),
    "form": page("Form", '<form action="https://evil.example"><button>Go</button></form>'),
    "base": page("Base", '<base href="https://evil.example/">'),
    "stylesheet": page("Sheet", '<link rel="stylesheet" href="https://evil.example/x.css">'),
    "style-tag": page("Style", "<style>body{display:none}</style>"),
    # 6. a full-screen overlay
    "overlay": page(
        "Overlay",
        '<div style="position:fixed;inset:0;background:#fff">Call 0900-SCAM now</div>',
    ),
    # 8. javascript: spelled with an entity, and through xlink:href
    "tab-scheme": page("Tab", '<a href="java&#9;script:alert(1)">Cost</a>'),
    "xlink": page(
        "Xlink",
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<a xlink:href="&#106;avascript:alert(1)"><text x="1" y="9">Go</text></a></svg>',
    ),
    # The theme's own foot is skipped by the allow-list; a page that imitates it is not.
    "theme-foot": page(
        "Foot", f'<div class="hc-page-foot" data-hc-theme="page-foot">\n\n{SCRIPT}\n\n</div>'
    ),
}
TITLES = {  # 1. front matter that closes </title>, directly and as a YAML escape
    "title-close": '"Cost</title><script>document.documentElement.dataset.pwned=1</script>"',
    "title-escape": '"Cost \\x3c/title>\\x3cscript>document.documentElement.dataset.pwned=1\\x3c/script>"',
    "quote": "'Cost\" on a page'",  # 7. a quote that leaves <meta content="...">
}


def plant(project) -> None:
    for name, text in PAGES.items():
        project.write(f"docs/{name}.md", text)
    for name, title in TITLES.items():
        project.write(f"docs/{name}.md", page("x", "Text.").replace("title: x", f"title: {title}"))
    project.write("docs/snippets/evil.html", SCRIPT + "\n")
    described = page("Described", "Text.").replace(
        "description: A test page planted by a negative test.",
        "description: 'The doctor said \"no\" on a page about the treatment and its cost.'",
    )
    project.write("docs/desc-quote.md", described)


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
        ("jinja", "docs/jinja.md:11: a template in the page uses '.__globals__'"),
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


def test_jinja_payload_never_ran_on_the_build_machine(planted):
    _, build = planted
    assert "uid=" not in build.output
    assert not (build.site / "jinja").exists()  # refused before rendering


def test_smuggled_scripts_are_not_hashed_into_the_policy(planted, built_site):
    _, build = planted
    theirs = set(csp_directives(site_policy(build.site))["script-src"])
    ours = set(csp_directives(site_policy(built_site.site))["script-src"])
    assert theirs == ours
    head = build.findings("inline-code")
    assert any("title-close" in f.file and "the theme did not write" in f.what for f in head)


# Pages whose payload is a script: built anyway by the report-only test build, served, opened.
SCRIPTED = ("concat", "backtick", "comment", "snippet-html", "title-close", "title-escape")


def assert_nothing_ran(tab, origin: str) -> None:
    for name in SCRIPTED:
        tab.goto(f"{origin}{name}/", wait_until="load")
        assert "dataset.pwned=1" in tab.content(), f"{name}: the payload is not in the page"
        ran = tab.evaluate("document.documentElement.dataset.pwned")
        assert ran is None, f"{name}: the smuggled script ran"
    tab.goto(f"{origin}base/", wait_until="load")
    assert tab.evaluate("document.baseURI").startswith(origin), "<base href> moved the links"


@pytest.mark.browser
def test_no_payload_runs_in_chromium_through_nginx(planted, browser, tmp_path):
    from tests.checks.nginx import BROWSER_ORIGIN, browser_context, require_nginx, run_nginx

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
    from tests.checks.serve import serve

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
