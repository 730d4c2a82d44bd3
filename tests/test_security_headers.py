"""The header source and the generated _headers file demand everything the clinic requires;
a header dropped or weakened in sitecheck/outputs/headers.yml fails with the header and the fix named."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

from devtools.site import ROOT
from sitecheck.outputs.headers import deploy_dir, load_source, security_headers
from tests.checks.problems import assert_none, report
from tests.checks.security_headers import csp_directives, header_problems, read_headers_file


def test_source_demands_every_required_header():
    headers = dict(security_headers(load_source(), ["'sha256-test'"]))
    assert_none(header_problems(headers, "sitecheck/outputs/headers.yml"), "the header source")


def test_built_headers_file_carries_every_header_and_exactly_the_builds_hashes(built_site):
    rules = read_headers_file(deploy_dir(built_site.site) / "_headers")
    assert_none(header_problems(rules["/*"], "site/_headers"), "the _headers file")
    scripts = csp_directives(rules["/*"]["Content-Security-Policy"])["script-src"]
    assert scripts[0] == "'self'"
    # No stale extras: the hashes are those of the inline scripts this build wrote, no more.
    # (Zero is fine: the theme may move every inline script into a file.)
    inline = built_site.engine().inline
    built = set(inline.script_hashes())
    assert set(scripts[1:]) == built
    styles = csp_directives(rules["/*"]["Content-Security-Policy"])["style-src-attr"]
    built_styles = set(inline.style_hashes())
    assert styles == (["'unsafe-hashes'", *sorted(built_styles)] if built_styles else ["'none'"])


def test_header_missing_from_source_is_caught_naming_it(project):
    project.replace("sitecheck/outputs/headers.yml", "  Referrer-Policy: no-referrer\n", "")
    result = project.build(strict=True)
    assert result.returncode == 0, result.output
    rules = read_headers_file(deploy_dir(result.site) / "_headers")
    message = report(header_problems(rules["/*"], "site/_headers"), "the _headers file")
    assert "1 problem(s)" in message
    assert "site/_headers: the Referrer-Policy header is missing" in message
    assert "Fix: set it under 'security:' in sitecheck/outputs/headers.yml" in message


def test_every_weakened_header_is_reported_at_once():
    source = copy.deepcopy(load_source())
    security = source["security"]
    security["Content-Security-Policy"]["script-src"].append("'unsafe-inline'")
    security["Content-Security-Policy"]["frame-ancestors"] = ["'self'"]
    security["Content-Security-Policy"]["style-src-attr"] = ["'unsafe-inline'"]
    del security["Content-Security-Policy"]["object-src"]
    security["Strict-Transport-Security"] = "max-age=300"
    security["Referrer-Policy"] = "unsafe-url"
    security["Permissions-Policy"].remove("camera")
    del security["X-Content-Type-Options"]
    message = report(
        header_problems(dict(security_headers(source, [])), "sitecheck/outputs/headers.yml"),
        "source",
    )
    assert "8 problem(s)" in message, message
    for expected in (
        "Content-Security-Policy allows 'unsafe-inline' scripts",
        "Content-Security-Policy has frame-ancestors [\"'self'\"], not 'none'",
        "Content-Security-Policy allows 'unsafe-inline' in style-src-attr",
        "Content-Security-Policy has object-src None, not 'none'",
        "Strict-Transport-Security is 'max-age=300', shorter than a year",
        "Referrer-Policy 'unsafe-url' tells other sites too much",
        "Permissions-Policy does not deny camera",
        "the X-Content-Type-Options header is missing",
    ):
        assert f"sitecheck/outputs/headers.yml: {expected}" in message, message


def test_headers_command_writes_what_the_build_hook_wrote(built_site, tmp_path):
    """`./run headers SITE` (for Zensical, which ignores hooks) gives the same files."""
    site = tmp_path / "site"
    shutil.copytree(built_site.site, site)
    assert not (site / "_headers").exists()  # beside the site, never published with it
    host = urlsplit(built_site.site_url).hostname
    result = run_headers_command(str(site), "--server-name", host)
    assert result.returncode == 0, result.stderr
    for name in ("_headers", "_nginx.conf"):
        written = (deploy_dir(site) / name).read_text()
        assert written == (deploy_dir(built_site.site) / name).read_text(), name


def test_headers_command_without_a_built_site_says_so(tmp_path):
    result = run_headers_command(str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "nothing/index.html not found: build the site first." in result.stderr


def run_headers_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sitecheck", "headers", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
