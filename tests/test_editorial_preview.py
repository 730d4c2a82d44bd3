"""Under `mkdocs serve`, a page with editorial problems shows them in a box at the top."""

import contextlib
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from devtools.ports import free_port, poll, stop
from devtools.site import build_env
from sitecheck.outputs.preview_box import BOX_ID
from tests.conftest import page

CLAIM = "Our treatment is completely\nsafe and the results are permanent."


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@contextlib.contextmanager
def mkdocs_serve(project, log_path):
    port = free_port()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=build_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield proc, f"http://127.0.0.1:{port}/"
        finally:
            stop(proc)


def wait_until(proc, url: str, log_path, text: str = "", seconds: float = 300) -> str:
    """The page at `url` once it is served and shows `text` (serve rebuilds after an edit)."""
    try:
        return poll(
            lambda: (body := fetch(url)) is not None and text in body and body,
            what=f"{url} showing {text!r}",
            timeout=seconds,
            alive=lambda: proc.poll() is None,
        )
    except AssertionError as failure:
        pytest.fail(f"mkdocs serve: {failure}:\n{log_path.read_text()}")


def box_accessibility(browser_page, url: str) -> dict[str, list[str]]:
    """axe-core violations inside the box, in light and dark mode; and the box is seen first."""
    from axe_playwright_python.sync_playwright import Axe

    found = {}
    for scheme in ("light", "dark"):
        browser_page.emulate_media(color_scheme=scheme)
        browser_page.goto(url)
        box = browser_page.locator(f"#{BOX_ID}")
        assert box.is_visible()
        assert box.bounding_box()["y"] < browser_page.locator("h1").bounding_box()["y"]
        results = Axe().run(browser_page, context=f"#{BOX_ID}")
        found[scheme] = [v["id"] for v in results.response["violations"]]
    return found


@pytest.mark.browser
def test_planted_claim_shows_in_the_preview_box_and_the_terminal(project, tmp_path, browser_page):
    project.write("docs/claimy.md", page("Claimy", CLAIM))
    project.add_to_menu("claimy.md")
    log_path = tmp_path / "serve.log"
    with mkdocs_serve(project.root, log_path) as (proc, base):
        body = wait_until(proc, base + "claimy/", log_path)
        clean = wait_until(proc, base + "cost/", log_path)
        violations = box_accessibility(browser_page, base + "claimy/")
        # After an edit, serve rebuilds with reloaded hooks: the box must follow the new text.
        project.write("docs/claimy.md", page("Claimy", "Now it is risk-free."))
        rebuilt = wait_until(proc, base + "claimy/", log_path, "medical claim “risk-free”")
    terminal = log_path.read_text(encoding="utf-8")
    assert f'<section id="{BOX_ID}" role="region"' in body
    box = body[body.index(f'<section id="{BOX_ID}"') :]
    box = box[: box.index("</section>")]
    # the new page's medical sentence waits for the medical reviewer: a notice, listed last
    assert "2 editorial problems and 1 notice on this page" in box
    assert "Notice: this medical sentence is not reviewed yet" in box
    assert "docs/claimy.md:11" in box and "medical claim “completely safe”" in box
    assert "docs/claimy.md:12" in box and "medical claim “permanent”" in box
    # the box is at the top of the article, before the page's heading
    assert body.index(BOX_ID) < body.index("<h1")
    assert BOX_ID not in clean
    # the editors' way to GitHub: the preview keeps the pencil that published pages do not have
    assert 'rel="edit"' in clean and "/edit/main/docs/cost.md" in clean
    assert "WARNING -  docs/claimy.md:11: medical claim “completely safe”" in terminal
    assert violations == {"light": [], "dark": []}
    assert "1 editorial problem and 1 notice on this page" in rebuilt
    assert "completely safe" not in rebuilt
    # and the same page stops the production build
    project.write("docs/claimy.md", page("Claimy", CLAIM))
    result = project.build(strict=True)
    assert result.returncode != 0
    assert "WARNING -  docs/claimy.md:11: medical claim “completely safe”" in result.output
