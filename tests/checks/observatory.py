"""Mozilla's HTTP Observatory against the shipped nginx block, served over TLS on loopback.

The shipped block is used as written but for its listen address, certificate and root; the
HTTP-to-HTTPS redirect an administrator's main configuration provides is added beside it.
The certificate is made here for "localhost" and trusted by Node through NODE_EXTRA_CA_CERTS.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from devtools.nginx import free_port, prepare
from devtools.site import ROOT

SCRIPT = Path(__file__).with_name("observatory.mjs")
HOST = "localhost"


def certificate(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    key, cert = folder / "privkey.pem", folder / "fullchain.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return key, cert


def tls_conf(generated: str, *, site: Path, certs: Path, http: int, https: int) -> str:
    text, listens = re.subn(
        r"(?m)^(\s*)listen .*;$", rf"\1listen 127.0.0.1:{https} ssl;", generated
    )
    text = re.sub(r"/etc/letsencrypt/live/[^/]+", str(certs), text)
    text = re.sub(r"(?m)^(\s*)root .*;$", lambda m: f"{m.group(1)}root {site};", text)
    text = re.sub(r"(?m)^(\s*)server_name .*;$", rf"\1server_name {HOST};", text)
    assert listens == 1
    redirect = (
        f"server {{\n    listen 127.0.0.1:{http};\n    server_name {HOST};\n"
        f"    return 301 https://{HOST}:{https}$request_uri;\n}}\n"
    )
    return text + redirect


@contextlib.contextmanager
def tls_nginx(site: Path, generated: str, prefix: Path) -> Iterator[tuple[int, int, Path]]:
    _, cert = certificate(prefix / "certs")
    http, https = free_port(), free_port()
    conf = tls_conf(generated, site=site, certs=cert.parent, http=http, https=https)
    proc = subprocess.Popen(prepare(conf, prefix / "nginx"), stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"nginx stopped at start:\n{proc.stderr.read().decode()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", https), 0.2):
                break
            assert time.monotonic() < deadline, "nginx did not answer within 10 s"
            time.sleep(0.05)
        yield http, https, cert
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stderr.close()


def observatory(http: int, https: int, cert: Path) -> dict:
    # The package's install script downloads Chromium's HSTS preload list (we install without
    # scripts, and the list is not on npm). "localhost" is on no preload list, so an empty one
    # grades it exactly as the full list would.
    preload = ROOT / "node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json"
    if not preload.is_file():
        preload.write_text("{}", encoding="utf-8")
    run = subprocess.run(
        ["node", str(SCRIPT), HOST, str(http), str(https)],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "NODE_EXTRA_CA_CERTS": str(cert)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads(run.stdout)
