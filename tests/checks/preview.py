"""The real `./run preview` (python -m preview) for the tests: started on a project copy, read
through its terminal output and its pages."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from devtools.site import build_env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:  # the error page answers 500
        return err.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Running:
    def __init__(self, proc, out_path, port):
        self.proc, self.out_path, self.port = proc, out_path, port
        self.base = f"http://127.0.0.1:{port}/"

    def terminal(self) -> str:
        return self.out_path.read_text(encoding="utf-8")

    def wait(self, check, what: str, seconds: float = 120):
        """Poll until `check()` gives something; the process must stay alive all along."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"the preview stopped:\n{self.terminal()}")
            found = check()
            if found:
                return found
            time.sleep(0.3)
        pytest.fail(f"the preview never showed {what}:\n{self.terminal()}")

    def page_with(self, path: str, *texts: str) -> str:
        def check():
            body = fetch(self.base + path)
            return body if body and all(t in body for t in texts) else None

        return self.wait(check, f"{texts} on /{path}")


@contextlib.contextmanager
def preview(root, out_path, port=None, extra=()):
    port = port or free_port()
    with open(out_path, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "preview", "--livereload", "-a", f"127.0.0.1:{port}", *extra],
            cwd=root,
            env=build_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield Running(proc, out_path, port)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
