"""Start Debian's Chromium through Playwright. Never downloads a browser."""

from __future__ import annotations

import os
import shutil

# Chromium tries to reach Google's services at start; on a closed network that is noise and delay.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing_browser_message() -> str:
    return (
        "Chromium was not found, so the browser tests cannot run. "
        "Install Debian's browser with 'sudo apt-get install chromium' "
        "(./run test does this for you when it can), or set CHROMIUM=/path/to/chromium."
    )
