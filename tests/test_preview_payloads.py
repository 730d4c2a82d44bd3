"""A payload pasted into a page is refused by the preview as by the build, and while the preview
shows the page with its box, the editor's own browser neither runs it nor fetches anything from
another host: the security review's payloads (tests/checks/payloads.py) through the real
`./run preview`, in Chromium. The unit tests show each of the two defences on its own."""

from __future__ import annotations

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from devtools.site import ROOT
from preview import policy
from sitecheck.outputs.preview_box import BOX_ID
from sitecheck.rules.page.csp_inline import csp_hash
from sitecheck.rules.page.raw_html import THEME_FOOT, without_refused
from sitecheck.rules.page.theme_scripts import ThemeScripts
from tests.checks.payloads import SCRIPTED, plant
from tests.checks.preview import preview
from tests.conftest import ProjectCopy, page

# Pages that load from another website (here a real one on another port, which counts what it is
# asked): the build refuses them; the preview must show them without a request to it.
ELSEWHERE = {
    "pixel": '<img src="{other}/pixel.gif" alt="A picture">',
    "frame": '<iframe src="{other}/frame.html" title="A map"></iframe>',
    "sheet": "<svg><style>@import url({other}/x.css);</style></svg>",
}
LOADER = "!function(){var d=document;"  # the start of the theme's script loader (main.html)


def test_the_policy_allows_the_theme_and_live_reload_scripts_by_hash_and_nothing_else(built_site):
    from mkdocs.livereload import _SCRIPT_TEMPLATE

    built = (built_site.site / "404.html").read_text(encoding="utf-8")  # written by the theme
    theirs = "document.documentElement.dataset.pwned=1"
    reload = _SCRIPT_TEMPLATE.substitute(epoch=1, request_id=2)
    served = built.replace("</body>", f"<script>{theirs}</script><script>{reload}</script></body>")
    value = policy.policy(served.encode(), ThemeScripts(ROOT))
    script_src = next(d for d in value.split("; ") if d.startswith("script-src "))
    assert csp_hash(reload) in script_src and csp_hash(theirs) not in script_src
    loader = next(s for s in served.split("<script>")[1:] if s.startswith(LOADER))
    assert csp_hash(loader.split("</script>")[0]) in script_src
    assert "'unsafe-inline'" not in script_src and "'unsafe-hashes'" not in script_src
    for directive in ("default-src 'self'", "img-src 'self' data:", "connect-src 'self'"):
        assert directive in value.split("; ")


def test_a_page_with_refused_html_is_shown_without_it():
    article = (
        '<article class="md-content__inner"><h1>Cost</h1><p>About the price.</p>'
        '<script>document.title="pwned"</script><img src="x.png" alt="" onerror="alert(1)">'
        '<meta http-equiv="refresh" content="0;url=https://evil.example">'
        f'{THEME_FOOT}<p data-hc-theme="x">theme</p></div></article>'
    )
    shown = without_refused(f"<html><body>{article}</body></html>")
    assert "<h1>Cost</h1><p>About the price.</p>" in shown
    for refused in ("<script", "onerror", "http-equiv"):
        assert refused not in shown
    assert f'{THEME_FOOT}<p data-hc-theme="x">theme</p>' in shown  # the theme's part is kept


@contextlib.contextmanager
def another_website():
    """A real HTTP server on another port (another origin): yields its address and what it
    was asked for."""
    asked: list[str] = []

    class Counting(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def planted_preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview-payloads")
    project = ProjectCopy(root / "project")
    plant(project)
    with another_website() as (other, asked):
        for name, html in ELSEWHERE.items():
            project.write(f"docs/{name}.md", page(name.title(), html.format(other=other)))
        with preview(project.root, root / "terminal.txt") as running:
            running.wait(lambda: "Built the site:" in running.terminal(), "a first build")
            yield project, running, asked


@pytest.mark.browser
def test_payload_pages_show_their_box_and_run_and_load_nothing(planted_preview, browser):
    from devtools.chromium import new_context

    _, running, elsewhere = planted_preview
    context = new_context(browser)
    tab = context.new_page()
    try:
        for name in (*SCRIPTED, "refresh", "base", "stylesheet", *ELSEWHERE):
            tab.goto(f"{running.base}{name}/", wait_until="load")
            assert tab.locator(f"#{BOX_ID}").is_visible(), name
            assert tab.evaluate("document.documentElement.dataset.pwned") is None, name
            assert urlsplit(tab.url).netloc == urlsplit(running.base).netloc, f"{name} moved"
            assert tab.evaluate("document.baseURI").startswith(running.base), name
        # In the page's text the refused parts are gone; the box says what they were.
        tab.goto(f"{running.base}backtick/", wait_until="load")
        assert "raw HTML <script> is not allowed" in tab.locator(f"#{BOX_ID}").inner_text()
        assert tab.locator("article script").count() == 0
        # A payload outside the page's text (the title) is still there, and the policy stops it.
        tab.goto(f"{running.base}title-close/", wait_until="load")
        assert "dataset.pwned=1" in tab.content()
        assert tab.evaluate("document.documentElement.dataset.pwned") is None
        # The picture's tag is allowed HTML, so it stays in the page: the policy keeps it away.
        tab.goto(f"{running.base}pixel/", wait_until="load")
        assert tab.locator("article img[alt='A picture']").count() == 1
    finally:
        context.close()
    assert elsewhere == [], "the editor's browser asked another website"


@pytest.mark.browser
def test_the_policy_leaves_the_preview_working(planted_preview, browser):
    """Material starts, and a saved change reloads the open page by itself (MkDocs' script)."""
    from devtools.chromium import new_context

    project, running, _ = planted_preview
    context = new_context(browser)
    blocked: list[str] = []
    tab = context.new_page()
    tab.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
    try:
        tab.goto(f"{running.base}cost/", wait_until="load")
        tab.wait_for_selector("html[data-hc-scripts=ready]")
        assert tab.evaluate("typeof document$") == "object"  # Material's bundle ran
        saved = "A sentence saved while the page was open."
        project.replace("docs/cost.md", "\n## ", f"\n{saved}\n\n## ")
        tab.wait_for_selector(f"article p:text-is('{saved}')", timeout=180_000)  # no goto
    finally:
        context.close()
    assert blocked == []
