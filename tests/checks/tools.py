"""System programs the tests and benchmarks drive (Chromium, nginx): finding one, and what a
test does when one is missing."""

from __future__ import annotations

import os
import shutil


def find_program(env_var: str, *candidates: str) -> str | None:
    """The program named by `env_var`, else the first candidate that is an executable path or
    a name on PATH (Debian keeps nginx in /usr/sbin, outside a normal user's PATH)."""
    explicit = os.environ.get(env_var)
    if explicit:
        return explicit
    for candidate in candidates:
        if os.sep in candidate:
            if os.access(candidate, os.X_OK):
                return candidate
        elif found := shutil.which(candidate):
            return found
    return None


def require_tool(found: str | None, message: str) -> str:
    """In CI a missing program fails the test; on a developer's machine the test skips."""
    import pytest

    if not found:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found
