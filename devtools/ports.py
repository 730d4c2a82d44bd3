"""Servers the tests and benchmarks start on loopback: a free port, waiting for a state (a port
that answers, a page that shows a text) without a fixed wait, and stopping the process."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def poll(
    check: Callable[[], T], *, what: str, timeout: float, alive: Callable[[], bool] = lambda: True
) -> T:
    """Call `check` until it returns something truthy, and return that. Stops at once when
    `alive()` says the server process has died, so a crash reads as a crash, not a timeout.
    The timeout is a generous ceiling for a busy machine, never the expected duration."""
    deadline = time.monotonic() + timeout
    while True:
        if not alive():
            raise AssertionError(f"{what}: the server stopped")
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not reached within {timeout:.0f} s")
        time.sleep(0.05)  # the interval between two looks at the state, not a wait for it


def answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
        return True
    return False


def wait_until_listening(
    port: int, *, what: str, timeout: float = 60, alive: Callable[[], bool] = lambda: True
) -> None:
    poll(lambda: answers(port), what=f"{what} on port {port}", timeout=timeout, alive=alive)


def stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    """Stop the server this test started, by its own pid; kill it if it does not go."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
