"""`mkdocs build` in a child process that also reports the time spent in each plugin and hook.

Usage: python -m benchmarks.timed_build CONFIG SITE_DIR
Prints one JSON line: seconds per plugin/hook, the hook names, warnings, pages, peak memory.
The parent measures the wall time and peak memory of the whole process, imports included,
because that is what an editor or CI waits for.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
from collections import defaultdict
from pathlib import Path
from time import perf_counter

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import get_files

spent: dict[str, float] = defaultdict(float)


def timed_run_event(self, name, item=None, **kwargs):
    """PluginCollection.run_event (MkDocs 1.6) with a stopwatch around each handler."""
    pass_item = item is not None
    for method in self.events[name]:
        origin = self._event_origins.get(method, "<unknown>")
        self._current_plugin = origin
        start = perf_counter()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        spent[origin] += perf_counter() - start
        if result is not None:
            item = result
    self._current_plugin = None
    return item


class Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1
        sys.stderr.write(self.format(record) + "\n")


def peak_mib() -> float:
    """Peak resident memory of this process since exec.

    Not ru_maxrss: Linux carries a forked parent's peak across exec into it, so a child of a
    large benchmark process would report the parent's size.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    config_file, site_dir = sys.argv[1:3]
    PluginCollection.run_event = timed_run_event
    counter = Counter()
    logging.getLogger("mkdocs").addHandler(counter)
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    pages = len(get_files(config).documentation_pages())
    print(
        json.dumps(
            {
                "plugins": dict(spent),
                "hooks": list(config["hooks"]),
                "warnings": counter.count,
                "pages": pages,
                "peak_mib": peak_mib(),
            }
        )
    )


if __name__ == "__main__":
    main()
