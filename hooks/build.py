"""The one MkDocs hook: feeds every page to the check engine (sitecheck/) and writes its outputs.

This is the only file that knows MkDocs events. The rules themselves never import MkDocs, so
`./run editorial site/` runs the same rules on a folder built by anything (e.g. Zensical).
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:  # MkDocs puts only this hook's folder on sys.path
    sys.path.insert(0, str(PROJECT))

from mkdocs.exceptions import PluginError  # noqa: E402

from sitecheck import headers, markup, preview_box  # noqa: E402
from sitecheck.claims import RulesError, load_rules  # noqa: E402
from sitecheck.front_matter import FrontMatterError, read  # noqa: E402
from sitecheck.leftovers import check_leftovers  # noqa: E402
from sitecheck.page_checks import check_page  # noqa: E402
from sitecheck.review_dates import overdue_notice, review_due  # noqa: E402

RULES_FILE = PROJECT / "sitecheck" / "claims_rules.yml"
log = logging.getLogger("mkdocs.hooks.sitecheck")

state: dict = {"rules": [], "findings": {}, "sources": {}}


def on_startup(command, dirty):
    preview_box.set_serving(command == "serve")


def on_config(config):
    try:
        state["rules"] = load_rules(RULES_FILE)
    except RulesError as err:
        raise PluginError(f"sitecheck/{err}") from None
    if str(RULES_FILE) not in config.watch:
        config.watch.append(str(RULES_FILE))  # the preview rebuilds when compliance edits rules
    return config


def on_pre_build(config):
    state["findings"] = {}
    state["sources"] = {}
    docs = Path(config.docs_dir)
    for path in sorted((docs / "snippets").rglob("*.md")):
        file = f"docs/{path.relative_to(docs).as_posix()}"
        raw = path.read_text(encoding="utf-8")
        result = check_page(raw, file, path.parent, dt.date.today(), state["rules"], page=False)
        for finding in result.findings:
            log.warning(str(finding))


def record(page, findings) -> None:
    state["findings"].setdefault(page.file.src_uri, []).extend(findings)
    for finding in findings:
        log.warning(str(finding))


def on_page_markdown(markdown, page, config, files):
    raw = page.file.content_string
    file = f"docs/{page.file.src_uri}"
    try:
        read(raw, file)
    except FrontMatterError as err:
        raise PluginError(str(err.finding)) from None
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
    from sitecheck.html import parse_html, visible_text

    text = visible_text(parse_html(f"<html><body>{html}</body></html>").find("body"))
    record(page, check_leftovers(text, page.file.content_string, f"docs/{page.file.src_uri}"))
    return html


def on_post_page(output, page, config):
    output = markup.fix(output)
    state["sources"][page.file.dest_uri] = f"docs/{page.file.src_uri}"
    findings = state["findings"].get(page.file.src_uri)
    if findings and preview_box.serving():
        return preview_box.inject(output, sorted(findings))
    return output


def on_post_template(output, template_name, config):
    # The 404 page and other theme-only pages are built as templates, not pages.
    return markup.fix(output) if template_name.endswith(".html") else output


def on_post_build(config):
    site = Path(config["site_dir"])
    collected = headers.collect(site)
    _, handlers = headers.scan_site(site, collected)
    for handler in handlers:
        log.warning(
            "%s (%s): <%s %s=...> puts JavaScript in an attribute, which the site's "
            "Content-Security-Policy blocks. Fix: move the code to a file in docs/javascripts/ "
            "and attach it with addEventListener inside document$.subscribe(...).",
            state["sources"].get(handler.page, "theme template"),
            handler.page,
            handler.tag,
            handler.attribute,
        )
    from urllib.parse import urlsplit

    server_name = urlsplit(config.get("site_url") or "").hostname or "_"
    headers.write_deploy_files(
        site, PROJECT / "sitecheck" / "headers.yml", server_name=server_name, collected=collected
    )
