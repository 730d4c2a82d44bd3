"""The link checker's online mode and report: external addresses are fetched only on request."""

from __future__ import annotations

import urllib.request


def fetch_status(url: str, timeout: float = 15) -> str | None:
    """Online mode only: None when the link answers, else why not."""
    if not url.startswith("https://"):
        return None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": "link-check"})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except Exception as err:
            reason = str(err)
    return reason


def external_report(external: dict[str, set[str]], online: bool) -> str:
    mode = (
        "fetched online"
        if online
        else (
            "NOT fetched (offline mode; run `CHECK_EXTERNAL_LINKS=1 ./run test tests/test_links.py` to fetch them)"
        )
    )
    lines = [f"{len(external)} external links, {mode}:"]
    for url in sorted(external):
        lines.append(f"  {url}  <- {', '.join(sorted(external[url]))}")
    return "\n".join(lines)
