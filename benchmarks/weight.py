"""Page weight of a first visit: every request a page makes in Chromium, as transferred (gzip).

The pages are served by nginx with the shipped server block (`devtools.nginx`), so the
compression measured is the one patients receive.
"""

from __future__ import annotations

import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from benchmarks.report import markdown_table

# Playwright resource types folded into the columns the issue asks for.
KINDS = {
    "document": "html",
    "stylesheet": "css",
    "script": "js",
    "font": "font",
    "image": "img",
}
SEARCH_INDEX = "search_index.json"
BUDGET = 120 * 1024  # bytes transferred on a first visit, search index excluded


@dataclass
class Weight:
    page: str
    requests: int = 0
    transferred: int = 0  # headers + encoded (gzip) body, search index excluded
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    search_index: int = 0  # transferred separately: fetched by the search worker, cached
    third_party: list[str] = field(default_factory=list)


def page_urls(build) -> list[str]:
    """Every built page's path (docs pages from MkDocs' own map, plus the 404 page)."""
    paths = sorted(dest.removesuffix("index.html") for dest in build.sources)
    if (build.site / "404.html").is_file():
        paths.append("404.html")
    return paths


def gzip_body_size(url: str) -> int:
    """Bytes the server sends for `url` to a browser that accepts gzip."""
    if not url.startswith("http"):
        return 0
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return len(response.read())  # urllib does not decompress: this is the wire size


def is_search_index(request) -> bool:
    return request.url.split("?")[0].endswith(SEARCH_INDEX)


def measure_page(browser, base_url: str, path: str) -> Weight:
    from devtools.chromium import new_context

    context = new_context(
        browser,
        viewport={"width": 412, "height": 823},  # Lighthouse's mobile screen (Moto G Power)
        device_scale_factor=1.75,
        is_mobile=True,
        has_touch=True,
    )
    weight = Weight(path or "/")
    sizes: list[tuple[str, str, int]] = []

    def finished(request):
        info = request.sizes()
        body = info["responseBodySize"]
        response = request.response()
        if body == 0 and response is not None and response.status == 200:
            body = gzip_body_size(request.url)  # Chromium reports 0 for a worker's own script
        sizes.append((request.url, request.resource_type, body + info["responseHeadersSize"]))

    def failed(request):
        # A blocked or offline third-party request still counts as a privacy failure.
        if urlsplit(request.url).netloc != urlsplit(base_url).netloc:
            weight.third_party.append(request.url)

    page = context.new_page()
    context.on("requestfinished", finished)
    context.on("requestfailed", failed)
    # The search worker fetches its index after the page has loaded: wait for that state, not
    # for a time, so the index is always measured (in its own column).
    with context.expect_event("requestfinished", predicate=is_search_index):
        page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_load_state("networkidle")
    context.close()
    host = urlsplit(base_url).netloc
    for url, kind, size in sizes:
        if urlsplit(url).netloc != host and not url.startswith("data:"):
            weight.third_party.append(url)
        if url.split("?")[0].endswith(SEARCH_INDEX):
            weight.search_index += size
            continue
        weight.requests += 1
        weight.transferred += size
        weight.by_kind[KINDS.get(kind, "other")] += size
    return weight


def measure(base_url: str, paths: list[str], log=print) -> list[Weight]:
    from playwright.sync_api import sync_playwright

    from devtools.chromium import launch

    results = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for path in paths:
            results.append(measure_page(browser, base_url, path))
            log(f"weight: /{path} {results[-1].transferred / 1024:.1f} KiB")
        browser.close()
    return results


def kib(n: int) -> str:
    return f"{n / 1024:.1f}"


def table(results: list[Weight]) -> list[str]:
    head = ["page", "KiB gzip", "requests", "html", "css", "js", "font", "img", "other"]
    head += ["index KiB", "≤120 KiB"]
    rows = []
    for w in results:
        rows.append(
            [
                w.page,
                kib(w.transferred),
                str(w.requests),
                *(kib(w.by_kind.get(k, 0)) for k in ("html", "css", "js", "font", "img", "other")),
                kib(w.search_index),
                "ok" if w.transferred <= BUDGET else "OVER",
            ]
        )
    return markdown_table(head, rows)
