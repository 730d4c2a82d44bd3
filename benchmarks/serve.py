"""Serve a built site with nginx on 127.0.0.1 and gzip on, as a real static host would."""

from __future__ import annotations

import contextlib
import getpass
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

# Workers run as the current user so they can read a private temporary folder.
# gzip level 6 and these types: what common static hosts compress (nginx's default level is 1).
CONFIG = """
user {user};
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  sendfile on;
  keepalive_timeout 65;
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 256;
  gzip_vary on;
  gzip_types text/css application/javascript text/javascript application/json
             image/svg+xml application/xml text/xml text/plain application/manifest+json;
  server {{
    listen 127.0.0.1:{port};
    root {site};
    error_page 404 /404.html;
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 10, alive=lambda: True) -> None:
    """Wait for `url` to answer; stop at once if `alive()` says the server process has died."""
    deadline = time.monotonic() + timeout
    while True:
        if not alive():
            raise RuntimeError(f"the server for {url} exited before it answered")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # the server answers; a 404 is still an answer
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextlib.contextmanager
def serve_gzip(site: Path) -> Iterator[str]:
    """Yield 'http://127.0.0.1:PORT/' for `site` served by nginx with gzip."""
    if not Path(NGINX).is_file():
        raise FileNotFoundError(
            "nginx was not found; the benchmark serves pages with it. "
            "Install it with 'sudo apt-get install nginx-light'."
        )
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp:
        port = free_port()
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(
            CONFIG.format(user=getpass.getuser(), tmp=tmp, port=port, site=site.resolve()),
            encoding="utf-8",
        )
        proc = subprocess.Popen(
            [NGINX, "-p", tmp, "-e", f"{tmp}/error.log", "-c", str(conf)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_until_up(url)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)
