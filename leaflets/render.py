"""Print built pages to PDF with Debian's Chromium (never a downloaded browser) via Playwright.

The browser loads the pages at the site's real address (mkdocs.yml `site_url`), answered from
the built folder, so the addresses printed after links are the published ones and nothing
reaches the network. Chromium prints through the site's own print stylesheet (theme.css).
`tagged=True` and `outline=True` make an accessible PDF: a structure screen readers follow and
a bookmark per heading; its text can be selected and searched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Route, sync_playwright

from devtools.programs import CHROMIUM

ASSEMBLE = Path(__file__).with_name("assemble.js").read_text(encoding="utf-8")
# Chromium draws the footer outside the page's CSS, so it needs its own inline styles.
FOOTER = (
    '<div style="width:100%;margin:0 15mm;font:8pt sans-serif;display:flex;'
    'justify-content:space-between"><span class="title"></span>'
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}


@dataclass(frozen=True)
class Job:
    pdf: Path
    pages: tuple[str, ...]  # site paths ("cost/"); more than one joins them into a pack
    title: str = ""  # the PDF's title; "" takes the first page's heading


def file_for(site: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path).lstrip("/")
    file = (site / path).resolve()
    if file.is_dir():
        file = file / "index.html"
    root = site.resolve()
    return file if file.is_file() and root in file.parents else None


def render(site: Path, site_url: str, jobs: Iterable[Job], paper: str, suffix: str = "") -> None:
    origin = site_url.rstrip("/") + "/"
    base_path = urlsplit(origin).path

    def answer(route: Route) -> None:
        url = route.request.url
        file = file_for(site, url[len(origin) :]) if url.startswith(origin) else None
        if file is None:
            route.fulfill(status=404, body="") if url.startswith(origin) else route.abort()
        else:
            route.fulfill(path=str(file))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM.path() or "chromium", args=["--no-sandbox"]
        )
        try:
            context = browser.new_context(service_workers="block")
            context.route("**/*", answer)
            page = context.new_page()
            for job in jobs:
                page.goto(origin + job.pages[0], wait_until="load")
                # The theme's scripts start after the first paint (overrides/main.html).
                page.wait_for_selector("html[data-hc-scripts='ready']", state="attached")
                pack = [base_path + p for p in job.pages] if len(job.pages) > 1 else []
                page.evaluate(
                    ASSEMBLE,
                    {
                        "pack": pack,
                        "sourcesPath": base_path + "sources/",
                        "title": job.title,
                        "suffix": suffix,
                    },
                )
                job.pdf.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(
                    path=job.pdf,
                    format=paper,
                    margin=MARGIN,
                    print_background=True,
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=FOOTER,
                    tagged=True,
                    outline=True,
                )
        finally:
            browser.close()
