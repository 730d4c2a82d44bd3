"""`./run preview`: the real `mkdocs serve`, behind a small proxy that never lets a tab freeze.

MkDocs' server holds every request while a rebuild has failed ("the server will appear stuck
until build errors are resolved"), and exits when the first build fails. This wrapper:

- serves the browser on the editor's port (the next free one if it is busy) and forwards each
  request to `mkdocs serve` on a private port;
- when a build fails, answers with an error page in the site's own look (what, where, fix) and
  reloads it by itself once the files are fixed; restarts MkDocs if it stopped;
- prints one line per rebuild and the problems; MkDocs' own output goes to reports/preview.log.
"""

from __future__ import annotations

import argparse
import http.client
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from preview import errorpage, policy
from sitecheck.core.finding import ERROR, Finding
from sitecheck.drivers.builder import builder
from sitecheck.outputs.report import JSON_REPORT, read_json, read_state
from sitecheck.rules.page.theme_scripts import ThemeScripts
from sitecheck.rules.project import preflight

LOG = Path("reports") / "preview.log"
STATUS_PATH = "/__preview__/status"
HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"}
WATCHED = ("mkdocs.yml", "clinic.yml", "docs", "overrides", "macros", "hooks", "sitecheck")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def bind(host: str, port: int, tries: int = 20) -> tuple[ThreadingHTTPServer, int]:
    """The server on `port`, or on the next free one when another program holds it."""
    for candidate in range(port, port + tries):
        try:
            return ThreadingHTTPServer((host, candidate), Handler), candidate
        except OSError:
            continue
    raise SystemExit(
        f"Ports {port} to {port + tries - 1} are all in use. Fix: stop the other previews, or "
        f"choose a port: ./run preview -a {host}:8765"
    )


class State:
    """What the browser should see; every change wakes the waiting requests."""

    def __init__(self, project: Path, say):
        self.project = project
        self.say = say
        self.cond = threading.Condition()
        self.phase = "starting"  # starting | building | ok | failed
        self.generation = 0
        self.problems: list[Finding] = []
        self.upstream = 0
        self.cached: dict[str, tuple[int, list, bytes]] = {}
        self.look: bytes | None = None  # the site's 404 page, the frame of the error page
        self.theme = ThemeScripts(project)  # the inline scripts pages may run (policy.py)

    def set(self, phase: str, problems: list[Finding] | None = None) -> None:
        with self.cond:
            self.phase = phase
            if problems is not None:
                self.problems = problems
            self.generation += 1
            self.cond.notify_all()

    def wait_settled(self, timeout: float = 120) -> None:
        with self.cond:
            self.cond.wait_for(lambda: self.phase in ("ok", "failed"), timeout=timeout)


def diagnose(project: Path, since: float) -> list[Finding]:
    """Why the build failed, as data: what the build itself wrote to reports/editorial.json
    since it started; else our checks of the files (MkDocs met the mistake before the hook
    could run, e.g. in mkdocs.yml); else one plain sentence."""
    try:
        if (project / JSON_REPORT).stat().st_mtime >= since:
            state, findings = read_state(project)
            if state == "stopped" and findings:
                return findings
    except (OSError, ValueError, KeyError, TypeError):
        pass
    problems = preflight.check_project(project)
    if problems:
        return problems
    return [
        Finding(
            "the site",
            0,
            "the preview could not build the site.",
            f"undo your last change and save; the details are in {LOG}.",
            "preview",
        )
    ]


class Preview:
    def __init__(self, project: Path, host: str, port: int, serve_args: list[str], say=print):
        self.project = project
        self.state = State(project, say)
        self.say = say
        self.host = host
        self.server, self.port = bind(host, port)
        self.server.preview = self  # type: ignore[attr-defined]
        self.serve_args = serve_args
        self.proc: subprocess.Popen | None = None
        self.log = (project / LOG).open("a", encoding="utf-8")
        self.stopping = False
        self.warnings: list[str] = []
        self.started = time.time()  # when the build now running began
        self.first = True

    # -- MkDocs --------------------------------------------------------------------------------
    @property
    def upstream_addr(self) -> str:
        return f"127.0.0.1:{self.state.upstream}"

    def start_mkdocs(self) -> None:
        self.state.upstream = free_port()
        self.warnings, self.started = [], time.time()
        self.state.set("building")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", builder(), "serve", *self.serve_args, "-a", self.upstream_addr],
            cwd=self.project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        threading.Thread(target=self.read_mkdocs, args=(self.proc,), daemon=True).start()

    def read_mkdocs(self, proc: subprocess.Popen) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.log.write(line)
            self.log.flush()
            # MkDocs' lines say only when a build starts and ends; what it found is read as
            # data from reports/editorial.json (built and failed).
            text = line.strip()
            if "Detected file changes" in text or "Building documentation" in text:
                if self.state.phase != "building":
                    self.warnings, self.started = [], time.time()
                    self.state.set("building")
            elif text.startswith("WARNING"):
                self.warnings.append(text.split("-", 1)[-1].strip())
            elif "An error happened during the rebuild" in text:
                self.failed()
            elif "Reloading browsers" in text or "Serving on" in text:
                self.built()
        proc.wait()
        if not self.stopping:
            self.failed()
            threading.Thread(target=self.restart_when_changed, daemon=True).start()

    def built(self) -> None:
        try:
            findings = read_json(self.project)
        except (OSError, ValueError, KeyError, TypeError):
            findings = []
        shown = {str(f) for f in findings}
        extra = [w for w in self.warnings if w not in shown and "[macros]" not in w]
        errors = [f for f in findings if f.severity == ERROR]
        word = "Built the site" if self.first else "Rebuilt after your change"
        self.first = False
        if errors or extra:
            count = len(errors) + len(extra)
            self.say(
                f"{stamp()}  {word}: {count} problem(s) to fix (each page shows its own at the "
                "top; the site cannot be published until they are fixed):"
            )
            for line in [str(f) for f in errors] + extra:
                self.say(f"  {line}")
        else:
            self.say(f"{stamp()}  {word}: no problems.")
        for notice in [f for f in findings if f.severity != ERROR]:  # never blocks publishing
            self.say(f"  notice: {notice}")
        self.fetch_look()
        self.state.theme = ThemeScripts(self.project)  # a template may have changed
        self.state.set("ok", [])

    def failed(self) -> None:
        problems = diagnose(self.project, self.started)
        if problems == self.state.problems and self.state.phase == "failed":
            return
        self.say(
            f"{stamp()}  The site cannot be built until this is fixed (the browser shows it too):"
        )
        for finding in problems:
            self.say(f"  {finding}")
        self.state.set("failed", problems)

    def restart_when_changed(self) -> None:
        """MkDocs stopped (its first build failed): start it again once a file changes."""
        seen = snapshot(self.project)
        while not self.stopping:
            time.sleep(0.5)  # polling files is how MkDocs' own watcher works too
            now = snapshot(self.project)
            if now == seen:
                continue
            seen = now
            problems = preflight.check_project(self.project)
            if problems:
                if problems != self.state.problems:
                    self.failed()
                continue
            self.start_mkdocs()
            return

    def fetch_look(self) -> None:
        """Keep the site's 404 page and its stylesheets: the frame of the error page."""
        page = upstream_get(self.state.upstream, "/404.html")
        if page and page[0] == 200:
            self.state.look = page[2]
            for href in errorpage.stylesheets(page[2]):
                got = upstream_get(self.state.upstream, href)
                if got and got[0] == 200:
                    self.state.cached[href] = got

    # -- life ----------------------------------------------------------------------------------
    def run(self) -> int:
        self.say(
            f"Preview: open http://{self.host}:{self.port}/ in your browser. It rebuilds when you "
            f"save a file. Stop it with Ctrl+C. (MkDocs' own messages: {LOG})"
        )
        problems = preflight.check_project(self.project)
        if problems:
            self.state.set("failed", [])
            self.failed()
            threading.Thread(target=self.restart_when_changed, daemon=True).start()
        else:
            self.start_mkdocs()
        try:
            self.server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            self.say("Preview stopped.")
        finally:
            self.stop()
        return 0

    def stop(self) -> None:
        self.stopping = True
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.server.server_close()


def stamp() -> str:
    return datetime.now().strftime("%H:%M:%S")


def snapshot(project: Path) -> dict[str, float]:
    out = {}
    for name in WATCHED:
        path = project / name
        files = [path] if path.is_file() else (path.rglob("*") if path.is_dir() else [])
        for file in files:
            if "__pycache__" not in file.parts:
                try:
                    out[str(file)] = file.stat().st_mtime
                except OSError:
                    continue
    return out


def upstream_get(port: int, path: str, timeout: float = 10):
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        return response.status, response.getheaders(), body
    except (OSError, http.client.HTTPException):
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # the terminal stays for the editor's messages
        return

    @property
    def preview(self) -> Preview:
        return self.server.preview  # type: ignore[attr-defined]

    def do_GET(self):
        state = self.preview.state
        path = self.path.split("#", 1)[0]
        if path.startswith(STATUS_PATH):
            body = json.dumps({"generation": state.generation, "phase": state.phase}).encode()
            return self.reply(200, "application/json", body)
        if path == errorpage.SCRIPT_PATH:
            return self.reply(200, "text/javascript", errorpage.SCRIPT.encode())
        if path.startswith("/livereload/"):
            return self.livereload(path)
        if state.phase in ("starting", "building"):
            state.wait_settled()
        result = self.forward(path) if state.phase == "ok" else state.cached.get(path)
        if result is None:
            return self.error_page()
        status, headers, body = result
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in HOP:
                self.send_header(name, value)
        if policy.is_html(headers):  # a refused payload in the page stays inside it
            self.send_header("Content-Security-Policy", policy.policy(body, state.theme))
        elif policy.is_svg(path, headers):  # a picture opened on its own runs nothing
            self.send_header("Content-Security-Policy", policy.SVG_POLICY)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def forward(self, path: str):
        """MkDocs' answer, unless a failed rebuild holds it: then None (the error page)."""
        state = self.preview.state
        box: dict = {}
        done = threading.Event()

        def fetch():
            box["result"] = upstream_get(state.upstream, path, timeout=600)
            done.set()
            with state.cond:
                state.cond.notify_all()

        threading.Thread(target=fetch, daemon=True).start()
        with state.cond:
            state.cond.wait_for(lambda: done.is_set() or state.phase == "failed", timeout=600)
        if not done.is_set():
            return state.cached.get(path)
        result = box.get("result")
        if result and result[0] == 200 and not path.endswith(("/", ".html")):
            state.cached[path] = result
        return result

    def livereload(self, path: str):
        """MkDocs' reload poll; also answered (reload!) when a build fails or recovers."""
        state = self.preview.state
        epoch = path.split("/")[2] if path.count("/") >= 3 else "0"
        generation = state.generation
        if state.phase == "ok":
            box: dict = {}

            def fetch():
                box["result"] = upstream_get(state.upstream, path, timeout=90)
                with state.cond:
                    box["done"] = True
                    state.cond.notify_all()

            threading.Thread(target=fetch, daemon=True).start()
            with state.cond:
                state.cond.wait_for(lambda: box.get("done") or state.phase == "failed", timeout=90)
            result = box.get("result")
            if box.get("done") and result and result[0] == 200:
                return self.reply(200, "text/plain", result[2])
        else:
            with state.cond:
                state.cond.wait_for(lambda: state.generation != generation, timeout=60)
        changed = state.generation != generation or state.phase == "failed"
        answer = str(int(epoch) + 1) if changed and epoch.isdigit() else epoch
        return self.reply(200, "text/plain", answer.encode())

    def error_page(self):
        state = self.preview.state
        body = errorpage.render(state.problems, state.generation, state.look).encode("utf-8")
        self.reply(500, "text/html; charset=utf-8", body, policy.policy(body, state.theme))

    def reply(self, status: int, kind: str, body: bytes, csp: str = ""):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def parse_args(argv: list[str]) -> tuple[str, int, list[str]]:
    parser = argparse.ArgumentParser(prog="./run preview", add_help=True)
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="HOST:PORT")
    known, rest = parser.parse_known_args(argv)
    host, _, port = known.dev_addr.rpartition(":")
    if not port.isdigit():
        raise SystemExit(
            f"'{known.dev_addr}' is not an address. Fix: write it as HOST:PORT, e.g. "
            "./run preview -a 127.0.0.1:8765"
        )
    return host or "127.0.0.1", int(port), rest


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    # Stopped by a process manager (SIGTERM) as by Ctrl+C: the mkdocs server it started stops
    # too, instead of holding the port with nobody to stop it.
    signal.signal(signal.SIGTERM, interrupted)
    host, port, rest = parse_args(sys.argv[1:] if argv is None else argv)
    project = Path.cwd()
    (project / LOG).parent.mkdir(parents=True, exist_ok=True)
    wanted = port
    preview = Preview(project, host, port, rest)
    if preview.port != wanted:
        print(f"Port {wanted} is in use (another preview?), so this one uses {preview.port}.")
    return preview.run()
