"""What every build's checks load first, kept between builds: the concepts as read from
claims_rules.yml, the pronouncing dictionary for the reading grade, and the clinic facts' check.

Reading them took the checks' worker about half a second per build (the YAML, every pattern
checked, 126,000 dictionary entries), while MkDocs had already started on the pages. A file in
the user's cache folder, named by a hash of everything it was made from (the source files and
the code that reads them, and the Python version), is read in a tenth of that. A changed file
gets a new name, so an old copy is never used; a missing, unreadable or unwritable cache only
costs the time. Set SITECHECK_CACHE to move the folder, or to "off" to read everything again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ENV = "SITECHECK_CACHE"
KEEP = 4
T = TypeVar("T")


def folder() -> Path | None:
    chosen = os.environ.get(ENV, "")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sitecheck"


def key(inputs: list[Path], also: str = "") -> str:
    digest = hashlib.sha256(sys.version.encode() + b"\0" + also.encode())
    for path in inputs:  # by content, not by name: a project's copies share one entry
        data = path.read_bytes()
        digest.update(b"%d\0" % len(data) + data)
    return digest.hexdigest()[:32]


def cached(name: str, inputs: list[Path], make: Callable[[], T], also: str = "") -> T:
    """`make()`, or what it gave last time for the same `inputs` (files, read whole) and `also`
    (any other text `make` depends on). Only what `make` returned without an error is kept, so
    a broken file is reported every time."""
    where = folder()
    if where is None:
        return make()
    path = where / f"{name}-{key(inputs, also)}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # none yet, or unreadable (an interrupted write, another version)
        pass
    value = make()
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, prefix=f".{name}-", delete=False) as out:
            out.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(out.name, path)  # whole or not at all, even with two builds at once
        # Keep the few newest of each kind (a test suite's copies, an edit and its undo).
        older = sorted(where.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime)[:-KEEP]
        for old in older:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home folder, a full disk: the checks are only slower
    return value
