"""Run Debian's nginx with the project's generated configuration on a free loopback port.

The one nginx starter: the real-server tests and the page-weight benchmark both serve the
shipped server block (`_nginx.conf` of a build), changed only in its listen address, root and
TLS lines, so what they measure is what patients receive.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import pwd
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from devtools.ports import free_port, stop, wait_until_listening
from devtools.programs import NGINX
from sitecheck.outputs.headers import deploy_dir

MAIN_CONF = """\
# Test wrapper around the generated server block: everything under a temporary prefix,
# in the foreground (the test owns the process and stops it by its pid).
daemon off;
master_process on;
worker_processes 1;
{user}
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {prefix}/site.conf;
}}
"""


def require_nginx() -> None:
    """Like the browser fixture: in CI a missing nginx fails the test, locally it skips."""
    NGINX.require()


def for_test(generated: str, *, root: Path, port: int) -> str:
    """The generated server block, listening on loopback without TLS and serving `root`."""
    text, listens = re.subn(r"(?m)^(\s*)listen .*;$", rf"\1listen 127.0.0.1:{port};", generated)
    text, roots = re.subn(r"(?m)^(\s*)root .*;$", lambda m: f"{m.group(1)}root {root};", text)
    text = re.sub(r"(?m)^\s*ssl_certificate(_key)? .*;\n", "", text)  # no TLS on loopback
    assert listens == 1 and roots == 1, "the generated nginx configuration lost its listen/root"
    return text


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


@dataclass
class Nginx:
    base_url: str
    port: int
    pid: int
    prefix: Path

    def get(self, path: str, *, gzip: bool = True) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip else {})
            reply = conn.getresponse()
            headers: dict[str, str] = {}
            for name, value in reply.getheaders():
                key = name.lower()
                headers[key] = f"{headers[key]}, {value}" if key in headers else value
            return Response(reply.status, headers, reply.read())
        finally:
            conn.close()


def prepare(site_conf: str, prefix: Path) -> list[str]:
    """Write the wrapper and `site_conf` under `prefix`; return nginx's command line. The
    configuration is tested first, so a broken one fails with nginx's own message."""
    binary = NGINX.path()
    assert binary, NGINX.missing_message()
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "tmp").mkdir(exist_ok=True)
    (prefix / "site.conf").write_text(site_conf)
    # As root, nginx would hand requests to user 'nobody', who cannot read pytest's 0700 folders.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(MAIN_CONF.format(prefix=prefix, user=user))
    args = [binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf")]
    args += ["-e", str(prefix / "error.log")]
    check = subprocess.run([*args, "-t"], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        raise AssertionError(f"nginx rejects the generated configuration:\n{check.stderr}")
    return args


@contextlib.contextmanager
def run_nginx(site: Path, generated_conf: str, prefix: Path) -> Iterator[Nginx]:
    """Start nginx in the foreground; always stop it by its pid, even when a test fails."""
    port = free_port()
    args = prepare(for_test(generated_conf, root=site, port=port), prefix)
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        try:
            wait_until_listening(port, what="nginx", alive=lambda: proc.poll() is None)
        except AssertionError as failure:
            said = proc.stderr.read().decode() if proc.poll() is not None else ""
            raise AssertionError(f"{failure}\n{said}") from None
        yield Nginx(f"http://127.0.0.1:{port}/", port, proc.pid, prefix)
    finally:
        stop(proc)  # SIGTERM to this pid: nginx's fast shutdown
        proc.stderr.close()


@contextlib.contextmanager
def serve_built_site(site: Path) -> Iterator[Nginx]:
    """nginx serving a built site with the `_nginx.conf` its build wrote (the benchmark's way:
    no pytest folder, a throw-away prefix)."""
    conf = (deploy_dir(site) / "_nginx.conf").read_text(encoding="utf-8")
    with (
        tempfile.TemporaryDirectory(prefix="nginx-") as prefix,
        run_nginx(site.resolve(), conf, Path(prefix)) as server,
    ):
        yield server


# Material's instant navigation matches links against sitemap.xml after copying only the
# protocol and host name into its URLs, not the port: on 127.0.0.1:PORT every click would be a
# full reload. So Chromium asks nginx for this name on the default port, nginx as its proxy.
BROWSER_ORIGIN = "http://patients.test/"


def browser_context(browser, server: Nginx, **options):
    from devtools.chromium import new_context

    return new_context(browser, proxy={"server": f"http://127.0.0.1:{server.port}"}, **options)
