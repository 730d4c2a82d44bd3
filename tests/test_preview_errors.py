"""`./run preview` (preview/) through the real `mkdocs serve`: a failed build shows an error page
with file, line and fix instead of a tab that keeps loading, the preview keeps running, the
page reloads by itself once the file is fixed, and a busy port is no obstacle."""

from __future__ import annotations

import html
import os
import socket
import time
from pathlib import Path

import pytest

from devtools.site import ROOT
from preview.errorpage import ERROR_ID
from tests.checks import mistakes
from tests.checks.preview import preview

CATALOGUE = mistakes.load()


def on_page(says: str) -> list[str]:
    """The message as the error page writes it: the fix follows a bold "Fix:"."""
    return [html.escape(part) for part in says.split(" Fix: ")]


def processes_in(folder) -> list[int]:
    """Processes working in `folder` (the preview and the mkdocs server it starts)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and os.readlink(f"/proc/{entry}/cwd") == str(folder):
                found.append(int(entry))
        except OSError:  # ended meanwhile, or not ours to read
            continue
    return found


def test_stopping_the_preview_stops_its_mkdocs_server(project, tmp_path):
    """A process manager (or the test suite) stops the preview with SIGTERM: the mkdocs
    server it started must go with it, not keep running on its own."""
    with preview(project.root, tmp_path / "out.txt") as running:
        running.page_with("", "<h1")
        assert len(processes_in(project.root)) >= 2, "no mkdocs server under the preview"
    deadline = time.monotonic() + 60
    while processes_in(project.root) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = {p: Path(f"/proc/{p}/cmdline").read_bytes()[:90] for p in processes_in(project.root)}
    assert left == {}, running.terminal()


@pytest.mark.browser
def test_every_mistake_shows_an_error_page_and_the_page_reloads_once_fixed(
    project, tmp_path, browser_page
):
    originals = {m.file: (ROOT / m.file).read_text(encoding="utf-8") for m in CATALOGUE}
    with preview(project.root, tmp_path / "terminal.txt") as running:
        running.wait(lambda: "Built the site: no problems." in running.terminal(), "a first build")
        previous = None
        for mistake in CATALOGUE:
            if previous and previous.file != mistake.file:
                project.write(previous.file, originals[previous.file])
            project.write(mistake.file, originals[mistake.file])
            seen = len(running.terminal())
            mistake.plant(project.root)
            where = mistake.where(originals[mistake.file])
            body = running.page_with("cost/", ERROR_ID, html.escape(where), *on_page(mistake.says))
            said = running.wait(
                lambda w=where, m=mistake, s=seen: (
                    f"  {w}: " in running.terminal()[s:] and m.says in running.terminal()[s:]
                ),
                f"{mistake.id} in the terminal",
            )
            assert said and "Traceback" not in body and "Fix:" in body
            previous = mistake
        # The browser on the error page of the last mistake; the fix reloads it by itself.
        browser_page.goto(running.base + "cost/")
        assert browser_page.locator(f"#{ERROR_ID}").is_visible()
        assert "Traceback" not in browser_page.content()
        project.write(previous.file, originals[previous.file])
        browser_page.wait_for_selector(f"#{ERROR_ID}", state="detached", timeout=120_000)
        browser_page.wait_for_selector("h1#cost", timeout=60_000)
        assert running.proc.poll() is None
    terminal = running.terminal()
    assert "Traceback" not in terminal
    assert "[macros]" not in terminal and "INFO" not in terminal
    assert terminal.count("Rebuilt after your change: no problems.") >= 1


def test_busy_port_takes_the_next_free_one_and_says_so(project, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with preview(project.root, tmp_path / "terminal.txt", port=port) as running:
            running.port = port + 1
            said = running.wait(
                lambda: "Built the site" in running.terminal() and running.terminal(), "a build"
            )
            assert f"Port {port} is in use (another preview?), so this one uses {port + 1}." in said
            assert f"Preview: open http://127.0.0.1:{port + 1}/ in your browser." in said
            running.base = f"http://127.0.0.1:{port + 1}/"
            running.page_with("cost/", "<h1")
    assert "Traceback" not in running.terminal()


def test_a_preview_started_on_a_broken_file_waits_for_the_fix(project, tmp_path):
    """MkDocs' serve would exit; the preview shows the error and starts MkDocs once fixed."""
    mistake = next(m for m in CATALOGUE if m.id == "nav-indented-wrongly")
    original = project.path(mistake.file).read_text(encoding="utf-8")
    mistake.plant(project.root)
    with preview(project.root, tmp_path / "terminal.txt") as running:
        where = mistake.where(original)
        running.page_with("", ERROR_ID, html.escape(where), *on_page(mistake.says))
        project.write(mistake.file, original)
        running.page_with("cost/", '<h1 id="cost"')
        assert "Built the site: no problems." in running.terminal()
    assert "Traceback" not in running.terminal()


def test_why_a_build_failed_is_read_as_data_never_from_log_lines(project):
    """The preview learns why from reports/editorial.json as the build wrote it; an older
    report, or one of a finished build, is not taken for this build's reason."""
    import time

    from preview.server import diagnose
    from sitecheck.core.finding import Finding
    from sitecheck.outputs.report import write_json

    said = Finding("docs/x.md", 3, "the front matter is odd.", "mend it.", "front-matter")
    since = time.time() - 1
    write_json([said], project.root, stopped=True)
    assert diagnose(project.root, since) == [said]
    (found,) = diagnose(project.root, time.time() + 60)  # the report is older than the build
    assert str(found) == (
        "the site: the preview could not build the site. Fix: undo your last change and save; "
        "the details are in reports/preview.log."
    )
    write_json([said], project.root)  # a build that finished: not why this one stopped
    assert diagnose(project.root, since) != [said]


def test_a_stylesheet_the_pages_cannot_hold_is_shown_with_file_line_and_fix(project, tmp_path):
    """The stylesheet check's refusal (before MkDocs starts) reaches the error page and the
    terminal with its file, line and fix, not as 'could not build'."""
    css = "overrides/assets/stylesheets/theme.css"
    line = project.path(css).read_text(encoding="utf-8").count("\n") + 1
    project.append(css, ".hc-logo { background: url(logo.png) }\n")
    where, says = (
        f"{css}:{line}",
        (
            "the stylesheet loads 'logo.png' in every patient's browser: the site's stylesheet "
            "is written into each page and may load nothing (from another website it also tells "
            "that website who reads the page). Fix: draw the picture with a data: URL or as an "
            "inline SVG in the page, or put it in docs/images/ and show it in the page's "
            "Markdown; never load fonts or pictures from another website."
        ),
    )
    with preview(project.root, tmp_path / "terminal.txt") as running:
        running.page_with("", ERROR_ID, html.escape(where), *on_page(says))
        assert f"{where}: {says}" in running.terminal()
    assert "could not build the site" not in running.terminal()
    assert "Traceback" not in running.terminal()
