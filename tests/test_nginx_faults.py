"""Faults planted in a project copy and served by real nginx: a page's new inline script under
headers from an older build is blocked in Chromium (and named), and a header dropped from the
source is missing from nginx's responses (and named)."""

from __future__ import annotations

import pytest

from devtools.nginx import BROWSER_ORIGIN, browser_context, prepare, require_nginx, run_nginx
from sitecheck.outputs.headers import deploy_dir
from tests.checks.csp_watch import CspWatcher
from tests.checks.inline_scripts import inline_script_problems
from tests.checks.problems import report
from tests.checks.security_headers import header_problems
from tests.conftest import page

PLANTED = '<script>document.documentElement.dataset.planted = "yes";</script>'


@pytest.mark.browser
def test_inline_script_without_its_hash_is_blocked_in_chromium(project, browser, tmp_path):
    require_nginx()
    stale = project.build()
    assert stale.returncode == 0, stale.output
    stale_conf = (deploy_dir(stale.site) / "_nginx.conf").read_text(encoding="utf-8")
    project.write("docs/planted.md", page("Planted", PLANTED))
    fresh = project.build()
    assert fresh.returncode == 0, fresh.output

    with run_nginx(fresh.site, stale_conf, tmp_path / "nginx") as server:
        csp = server.get("/planted/").headers["content-security-policy"]
        message = report(inline_script_problems(fresh, csp, "nginx's response"), "stale")
        assert "docs/planted.md (planted/index.html): inline script" in message, message
        assert "is not allowed by the Content-Security-Policy in nginx's response" in message

        context = browser_context(browser, server)
        try:
            tab = context.new_page()
            watcher = CspWatcher(tab)
            tab.goto(BROWSER_ORIGIN + "planted/", wait_until="networkidle")
            violations = watcher.take()
            ran = tab.evaluate("document.documentElement.dataset.planted === 'yes'")
        finally:
            context.close()
    assert not ran, "the planted inline script ran despite the stale policy"
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations


def test_header_missing_from_source_is_missing_from_nginx_responses(project, tmp_path):
    require_nginx()
    project.replace("sitecheck/outputs/headers.yml", "  X-Content-Type-Options: nosniff\n", "")
    result = project.build()
    assert result.returncode == 0, result.output
    conf = (deploy_dir(result.site) / "_nginx.conf").read_text(encoding="utf-8")
    with run_nginx(result.site, conf, tmp_path / "nginx") as server:
        problems = []
        for path in ("/", "/cost/", "/no/such/page/"):
            problems += header_problems(server.get(path).headers, f"nginx GET {path}")
    message = report(problems, "nginx responses")
    assert "3 problem(s)" in message, message
    assert "nginx GET /cost/: the X-Content-Type-Options header is missing" in message
    assert "Fix: set it under 'security:' in sitecheck/outputs/headers.yml" in message


@pytest.mark.browser
def test_policy_that_blocks_the_search_index_is_caught_in_chromium(project, browser, tmp_path):
    require_nginx()
    project.replace(
        "sitecheck/outputs/headers.yml", "connect-src: [\"'self'\"]", "connect-src: [\"'none'\"]"
    )
    result = project.build()
    assert result.returncode == 0, result.output
    conf = (deploy_dir(result.site) / "_nginx.conf").read_text(encoding="utf-8")
    with run_nginx(result.site, conf, tmp_path / "nginx") as server:
        context = browser_context(browser, server)
        try:
            tab = context.new_page()
            watcher = CspWatcher(tab)
            tab.goto(BROWSER_ORIGIN, wait_until="networkidle")
            violations = watcher.until(lambda found: any("search_index.json" in v for v in found))
        finally:
            context.close()
    blocked = [v for v in violations if v.startswith("connect-src blocked")]
    assert any("search_index.json" in v for v in blocked), violations


def test_broken_nginx_configuration_fails_with_nginx_own_message(tmp_path):
    require_nginx()
    broken = "server {\n    listen 127.0.0.1:1;\n    add_heder X-Test yes;\n}\n"
    with pytest.raises(AssertionError) as failure:
        prepare(broken, tmp_path / "prefix")
    assert "nginx rejects the generated configuration" in str(failure.value)
    assert 'unknown directive "add_heder"' in str(failure.value)
