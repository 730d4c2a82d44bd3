"""System programs the tests and benchmarks drive (Chromium, nginx): the one way to find each,
and what a test does when one is missing."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass


@dataclass(frozen=True)
class Program:
    name: str  # as people know it: "Chromium"
    env_var: str  # an explicit path wins: CHROMIUM=/path/to/chromium
    candidates: tuple[str, ...]  # absolute paths (Debian's /usr/sbin is not on PATH) or names
    package: str  # Debian's package
    needed_by: str  # "the browser tests"

    def path(self) -> str | None:
        explicit = os.environ.get(self.env_var)
        if explicit:
            return explicit
        for candidate in self.candidates:
            if os.sep in candidate:
                if os.access(candidate, os.X_OK):
                    return candidate
            elif found := shutil.which(candidate):
                return found
        return None

    def missing_message(self) -> str:
        return (
            f"{self.name} was not found, so {self.needed_by} cannot run. Install Debian's "
            f"{self.package} with 'sudo apt-get install {self.package}' (./run test does this "
            f"for you when it can), or set {self.env_var}=/path/to/{self.package}."
        )

    def require(self) -> str:
        """In CI a missing program fails the test; on a developer's machine the test skips."""
        import pytest

        found = self.path()
        if not found:
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(self.missing_message())
            pytest.skip(self.missing_message())
        return found


CHROMIUM = Program(
    "Chromium", "CHROMIUM", ("chromium", "chromium-browser"), "chromium", "the browser tests"
)
NGINX = Program("nginx", "NGINX", ("/usr/sbin/nginx", "nginx"), "nginx", "the real-server tests")

PROGRAMS = {"chromium": CHROMIUM, "nginx": NGINX}

if __name__ == "__main__":  # ./run asks here too: `python -m devtools.programs nginx`
    import sys

    print(PROGRAMS[sys.argv[1]].path() or "")
