"""The engine in a second process, so the checks run on the other core while MkDocs renders.

The hook hands over each page's Markdown and HTML as MkDocs makes them (a queue: MkDocs never
waits for the checks) and asks for the results after the last page. Under `mkdocs serve` the
worker lives for the whole session, so the concepts and the reading dictionary are loaded once,
not on every save. A rule that fails in the worker (a broken claims_rules.yml) is sent back and
raised in the build at the next page, as if it had run there.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import queue
import sys
import traceback
import types
from pathlib import Path
from typing import TYPE_CHECKING

from .claims_concepts import RulesError
from .finding import Finding

if TYPE_CHECKING:  # the rules are imported by the worker process only, not by MkDocs'
    from .engine import Engine, Results


class WorkerFailed(Exception):
    """A rule raised something no check foresaw; `details` is the worker's traceback."""

    def __init__(self, message: str, details: str = ""):
        super().__init__(message)
        self.details = details


def _serve(requests, replies) -> None:
    """The worker's loop: one message per event, the results when asked. Replies carry the
    build's number, so a late reply of an abandoned preview rebuild is not taken for the next."""
    from .engine import Engine, Page, warm_up

    engine: Engine | None = None
    build, failed = 0, False
    parent = multiprocessing.parent_process()
    while True:
        try:
            message = requests.get(timeout=1)
        except queue.Empty:
            # MkDocs stopped by SIGTERM skips its exit handlers, which would end this process.
            if parent is not None and not parent.is_alive():
                return
            continue
        if message is None:
            return
        kind, args = message
        if kind == "warm":
            # A broken claims_rules.yml is not reported here: the build's engine message does.
            with contextlib.suppress(Exception):
                warm_up(*args)
            continue
        if kind == "engine":
            build, engine, failed = args[0], None, False
        elif failed:
            if kind == "site":  # never leave the build waiting
                replies.put(("error", build, "WorkerFailed", "an earlier check failed.", ""))
            continue  # the failure was reported; wait for the next build
        try:
            if kind == "engine":
                _, project, config, today = args
                engine = Engine(project, config, today=today)
            elif kind == "source":
                raw, file, page_dir, page = args
                engine.check_source(raw, file, page_dir, page=page)
            elif kind == "files":  # before the pages: page rules look up other pages
                engine.context.sources, engine.context.outputs = args
            elif kind == "findings":
                engine.findings += args
            elif kind == "page":
                engine.check_page(Page(*args))
            elif kind == "site":
                context = engine.context
                context.sources, context.outputs, context.site_dir = args
                engine.check_site()
                replies.put(("results", build, engine.results()))
        except Exception as err:  # every failure must reach the build
            failed = True
            # As text: an exception object may not survive pickling, and then nothing arrives.
            name = "RulesError" if isinstance(err, RulesError) else type(err).__name__
            replies.put(("error", build, name, str(err), traceback.format_exc()))


class Worker:
    """The build's side: the same calls as Engine, answered by the process."""

    def __init__(self):
        self.process = None
        self.build = 0

    def warm(self, project: Path) -> None:
        """Start the process now, to load the concepts and the dictionary of `project` while
        MkDocs is still reading its configuration (the hook calls this as it is imported)."""
        self._spawn()
        self.requests.put(("warm", (project,)))

    def start(self, project: Path, config: dict, today=None) -> None:
        """A new build. `config`: the settings the rules read, as plain data."""
        self._spawn()
        self.build += 1
        self.requests.put(("engine", (self.build, project, config, today)))

    def _spawn(self) -> None:
        if self.process is not None and self.process.is_alive():
            return
        context = multiprocessing.get_context("spawn")  # no fork of MkDocs' server threads
        self.requests, self.replies = context.Queue(), context.Queue()
        # At exit nothing unsent matters (the build is over): never wait to flush it.
        self.requests.cancel_join_thread()
        self.process = context.Process(
            target=_serve, args=(self.requests, self.replies), name="sitecheck", daemon=True
        )
        # Spawn would re-run the caller's script (say, a build script without a __main__
        # guard) in the worker; the worker needs nothing from it.
        caller = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            self.process.start()
        finally:
            sys.modules["__main__"] = caller

    def check_source(self, raw: str, file: str, page_dir: Path, *, page: bool = True) -> None:
        self._send("source", (raw, file, page_dir, page))

    def files(self, sources: dict[str, str], outputs: set[str]) -> None:
        self._send("files", (sources, outputs))

    def add_findings(self, findings: list[Finding]) -> None:
        if findings:
            self._send("findings", findings)

    def check_page(self, dest: str, file: str, html: str, raw: str | None) -> None:
        """A built page (see engine.Page), as plain strings for the queue."""
        self._send("page", (dest, file, html, raw))

    def finish(self, sources: dict, outputs: set, site_dir: Path) -> Results:
        self._send("site", (sources, outputs, site_dir))
        # The reply's classes live in the engine's modules, which unpickling it would import
        # only once it has arrived; imported now, that runs while the worker finishes.
        importlib.import_module(f"{__package__}.engine")
        while True:
            try:
                reply = self.replies.get(timeout=1)
            except queue.Empty:
                if not self.process.is_alive():
                    self.process = None
                    raise WorkerFailed(
                        "the checks stopped without an answer (the worker process ended)."
                    ) from None
                continue
            results = self._answer(reply)
            if results is not None:
                return results

    def stop(self) -> None:
        """No wait: the worker ends on its own, and multiprocessing reaps it at exit."""
        if self.process is not None and self.process.is_alive():
            self.requests.put(None)
        self.process = None

    def _send(self, kind: str, args) -> None:
        self._raise_if_failed()
        self.requests.put((kind, args))

    def _raise_if_failed(self) -> None:
        """An error from an earlier message stops the build now, not after the last page."""
        while True:
            try:
                reply = self.replies.get_nowait()
            except queue.Empty:
                return
            self._answer(reply)

    def _answer(self, reply) -> Results | None:
        kind, build, *rest = reply
        if build != self.build:
            return None  # from an earlier, abandoned build
        if kind == "results":
            return rest[0]
        name, message, details = rest
        if name == "RulesError":
            raise RulesError(message)
        # Traceback first: `./run build` moves it to reports/build.log and prints one sentence.
        sys.stderr.write(details)
        raise WorkerFailed(f"{name}: {message}", details)


_shared: dict[str, Worker] = {}


def shared() -> Worker:
    """One worker per MkDocs process: the hook module is reloaded on every preview rebuild,
    this module is not."""
    return _shared.setdefault("worker", Worker())
