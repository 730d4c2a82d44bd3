"""The shipped nginx block through a real nginx: hidden files and folders give the site's 404
page, redirects never echo the Host header, and every status carries each header once."""

from __future__ import annotations

import http.client
import shutil
import socket

import pytest

from devtools.nginx import require_nginx, run_nginx
from sitecheck.outputs.headers import deploy_dir
from tests.checks.security_headers import header_problems


@pytest.fixture(scope="module")
def server(built_site, tmp_path_factory):
    require_nginx()
    site = tmp_path_factory.mktemp("hardening") / "site"
    shutil.copytree(built_site.site, site)
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("[remote]\n")
    (site / ".env").write_text("SECRET=1\n")
    (site / "empty-folder").mkdir()
    conf = (deploy_dir(built_site.site) / "_nginx.conf").read_text(encoding="utf-8")
    with run_nginx(site, conf, tmp_path_factory.mktemp("nginx")) as running:
        yield running


def raw(server, method: str, path: str, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        reply = conn.getresponse()
        return reply.status, reply.getheaders(), reply.read()
    finally:
        conn.close()


@pytest.mark.parametrize("path", ["/.git/config", "/.env", "/empty-folder/"])
def test_hidden_files_and_folders_get_the_sites_404_page(server, path):
    reply = server.get(path, gzip=False)
    assert reply.status == 404, (path, reply.status)
    assert b"SECRET" not in reply.body and b"[remote]" not in reply.body
    assert b"md-content" in reply.body or b"Page not found" in reply.body  # the site's page


def test_redirect_does_not_echo_a_forged_host(server):
    status, headers, _ = raw(server, "GET", "/cost", {"Host": "evil.example"})
    location = dict((k.lower(), v) for k, v in headers).get("location", "")
    assert status == 301 and location == "/cost/", (status, location)


@pytest.mark.parametrize(
    ("method", "path", "headers", "status"),
    [
        ("GET", "/", {"Range": "bytes=99999999-"}, 200),  # ranges off: the whole page
        ("TRACE", "/", {}, 405),
        ("GET", "/cost/", {}, 200),
        ("GET", "/no/such/page/", {}, 404),
    ],
)
def test_every_status_carries_each_header_once(server, method, path, headers, status):
    got, pairs, _ = raw(server, method, path, headers)
    assert got == status, (method, path, got)
    names = [k.lower() for k, _ in pairs]
    repeated = sorted({n for n in names if names.count(n) > 1})
    assert repeated == [], f"{method} {path}: headers sent twice: {repeated}"
    merged = {k.lower(): v for k, v in pairs}
    assert header_problems(merged, f"nginx {method} {path}") == []


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET / HTTP/1.1\r\n\r\n", 400),  # no Host header
        (b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    ],
)
def test_malformed_requests_get_the_headers_too(server, request_bytes, status):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as conn:
        conn.sendall(request_bytes)
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = conn.recv(65536)
            if not chunk:
                break
            reply += chunk
    head = reply.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    assert f" {status} " in head[0] + " ", head[0]
    pairs = [line.split(":", 1) for line in head[1:] if ":" in line]
    merged = {k.strip().lower(): v.strip() for k, v in pairs}
    assert header_problems(merged, f"nginx {status}") == []


@pytest.mark.parametrize(
    "path",
    ["/assets/stylesheets/theme.css", "/assets/javascripts/theme.js", "/javascripts/self-check.js"],
)
def test_the_sites_own_css_and_js_are_revalidated(server, path):
    """Not fingerprinted, so never cached for an hour: a fix reaches patients at once."""
    reply = server.get(path)
    assert reply.status == 200 and reply.headers["cache-control"] == "no-cache", reply.headers
