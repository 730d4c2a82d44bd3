"""Build hook: run the editorial checks on every page while MkDocs builds or serves the site.

Each problem is a WARNING naming file, line and fix, so `mkdocs build --strict` refuses to
publish; under `mkdocs serve` the page also shows its problems in a box at the top. A page whose
medical review is overdue gets an INFO notice: visible, but it never blocks publishing on a date.
The checks themselves live in the `editorial` package beside this file (shared with the tests).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from editorial import preview_box
from editorial.claims import RulesError, load_rules
from editorial.leftovers import check_leftovers
from editorial.page_checks import check_page
from editorial.review_dates import overdue_notice, review_due
from mkdocs.exceptions import PluginError

HERE = Path(__file__).resolve().parent
RULES_FILE = HERE / "claims_rules.yml"
log = logging.getLogger("mkdocs.hooks.editorial")

state: dict = {"rules": [], "findings": {}}


def on_startup(command, dirty):
    preview_box.set_serving(command == "serve")


def on_config(config):
    try:
        state["rules"] = load_rules(RULES_FILE)
    except RulesError as err:
        raise PluginError(f"overrides/hooks/{err}") from None
    if str(RULES_FILE) not in config.watch:
        config.watch.append(str(RULES_FILE))  # the preview rebuilds when compliance edits rules
    return config


def on_pre_build(config):
    state["findings"] = {}
    # Snippets are pieces of pages (the glossary is added to every page): check their text once.
    docs = Path(config.docs_dir)
    for path in sorted((docs / "snippets").rglob("*.md")):
        file = f"docs/{path.relative_to(docs).as_posix()}"
        raw = path.read_text(encoding="utf-8")
        result = check_page(raw, file, path.parent, dt.date.today(), state["rules"], page=False)
        for finding in result.findings:
            log.warning(str(finding))


def on_files(files, config):
    # The rules file sits in the theme folder; MkDocs would publish it as a static file.
    for file in list(files):
        if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(HERE):
            files.remove(file)
    return files


def record(page, findings) -> None:
    state["findings"].setdefault(page.file.src_uri, []).extend(findings)
    for finding in findings:
        log.warning(str(finding))


def on_page_markdown(markdown, page, config, files):
    raw = page.file.content_string
    file = f"docs/{page.file.src_uri}"
    page_dir = Path(page.file.abs_src_path).parent if page.file.abs_src_path else config.docs_dir
    today = dt.date.today()
    result = check_page(raw, file, Path(page_dir), today, state["rules"])
    record(page, result.findings)
    for allowed in result.allowed:
        log.info(f"claim-ok marker: {allowed}")
    due = review_due(raw, file)
    if due.overdue(today):
        log.info(overdue_notice(due, today))
    return markdown


def on_page_content(html, page, config, files):
    record(page, check_leftovers(html, page.file.content_string, f"docs/{page.file.src_uri}"))
    return html


def on_post_page(output, page, config):
    findings = state["findings"].get(page.file.src_uri)
    if findings and preview_box.serving():
        return preview_box.inject(output, sorted(findings))
    return output
