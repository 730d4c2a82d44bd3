"""The one MkDocs hook: feeds every page to the check engine and writes its outputs.

This is the only file that knows MkDocs events. The rules never import MkDocs, so
`./run editorial site/` runs the same rules on a folder built by anything (e.g. Zensical).
The engine runs in this process; its concepts stay loaded between preview rebuilds, because
MkDocs reloads this hook on each build but not the `sitecheck` modules it imports.

- `mkdocs build` (any flags, `-q` included) stops on any problem: the engine counts them, not
  MkDocs' logger, whose `-q` hides warnings from `--strict`.
- `mkdocs serve` keeps serving and puts each page's problems in a box at the top of the page.
- Both print every finding as `docs/x.md:12: what Fix: how` and write reports/editorial.json.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parents[2]
if str(PROJECT) not in sys.path:  # MkDocs puts only this hook's folder on sys.path
    sys.path.insert(0, str(PROJECT))

from jinja2 import pass_context  # noqa: E402
from jinja2.exceptions import SecurityError  # noqa: E402
from jinja2.sandbox import SandboxedEnvironment  # noqa: E402
from mkdocs.exceptions import Abort, PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from sitecheck.core import stylesheet  # noqa: E402
from sitecheck.core.config import FACTS_FILE, load_facts, with_facts  # noqa: E402
from sitecheck.core.finding import NOTICE, Finding  # noqa: E402
from sitecheck.engine import Engine, Page  # noqa: E402
from sitecheck.outputs import (  # noqa: E402
    headers,
    material_html_fix,
    preview_box,
    report,
)
from sitecheck.rules.claims.concepts import RULES_FILE, RulesError  # noqa: E402
from sitecheck.rules.claims.review import LEDGER_FILE  # noqa: E402
from sitecheck.rules.page.theme_scripts import ThemeScripts  # noqa: E402
from sitecheck.rules.project import preflight, published_files  # noqa: E402
from sitecheck.rules.site import address_ledger  # noqa: E402
from sitecheck.rules.source import medical_review, template_bounds  # noqa: E402
from sitecheck.rules.source.front_matter import FrontMatterError, read  # noqa: E402

log = logging.getLogger("mkdocs.hooks.sitecheck")
# Only the test suite sets this, to look at a site built with planted faults. No command-line
# flag turns the stop off, so `-q` or a missing `--strict` cannot publish a broken page.
REPORT_ONLY = "SITECHECK_REPORT_ONLY"
state: dict = {}


def on_startup(command, dirty):
    preview_box.set_serving(command == "serve")


def stop(findings: list[Finding], message: str, project: Path) -> PluginError:
    """The build cannot go on: the findings go to reports/editorial.json as data (the preview
    and GitHub read them there), the message to MkDocs' log."""
    report.write_json(findings, project, stopped=True)
    return PluginError(message)


def checks(call, *args, **kwargs):
    """A call to the engine; a broken claims rules file stops the build here."""
    try:
        return call(*args, **kwargs)
    except RulesError as err:
        where, _, rest = str(err).partition(": ")
        file, _, line = where.partition(":")
        what, _, fix = rest.partition(" Fix: ")
        finding = Finding(file, int(line) if line.isdigit() else 0, what, fix, "claims-rules")
        raise stop([finding], str(err), state["project"]) from None


# First of every plugin's on_config: the checks before macros imports its modules, and the
# clinic's facts (clinic.yml) under `extra:` before macros copies `extra:` into page variables.
@event_priority(100)
def on_config(config):
    project = Path(config.config_file_path).parent
    # `./run build` checked the project before MkDocs read it; `mkdocs build` or `serve` by
    # hand have not, so the check runs here, before any page is rendered.
    state["project"] = project
    if not preflight.checked_before(project) and (problems := preflight.check_project(project)):
        raise stop(problems, preflight.stop_message(problems), project)
    config.extra.update(with_facts({}, load_facts(project))["extra"])
    if str(project / FACTS_FILE) not in config.watch:
        config.watch.append(str(project / FACTS_FILE))  # the preview rebuilds on a fact's edit
    # Only what the rules read.
    settings = {
        "site_url": config.site_url,
        "extra": dict(config.extra),
        "extra_css": list(config.extra_css),  # the engine joins them as below (stylesheet.py)
    }
    engine = checks(Engine, project, settings)
    state.update(engine=engine, outputs=set(), sources={}, project=project)
    # One stylesheet, Material's two and ours, written into each page's <head> (core/stylesheet.py):
    # the first screen is drawn without waiting for a request.
    dirs = [Path(d) for d in config.theme.dirs]
    try:
        css = stylesheet.plan(dirs, Path(config.docs_dir), list(config.extra_css))
    except stylesheet.StylesheetError as err:
        raise stop(err.findings(), str(err), project) from None
    state["css"] = config.extra[stylesheet.FLAG] = css
    config.extra_css = []
    for watched in (RULES_FILE, LEDGER_FILE):  # the concepts, the claims sign-off ledger
        path = str(project / watched)
        if Path(path).exists() and path not in config.watch:
            config.watch.append(path)  # the preview rebuilds when compliance edits them
    return config


def on_files(files, config):
    engine = state["engine"]
    found, refused = published_files.check_docs(Path(config.docs_dir), config.extra)  # first
    checks(engine.add_findings, found)
    # A script's new sentence waits for the reviewer (the project check stopped on changes).
    waiting = medical_review.check_scripts(state["project"])
    checks(engine.add_findings, [f for f in waiting if f.severity == NOTICE])
    for file in [f for f in files if published_files.is_refused(f.src_uri, refused)]:
        files.remove(file)
    state["sources"] = {f.dest_uri: f"docs/{f.src_uri}" for f in files.documentation_pages()}
    state["outputs"] = {f.dest_uri for f in files if f.inclusion.is_included()}
    checks(engine.files, state["sources"], state["outputs"])
    docs = Path(config.docs_dir)
    for path in sorted((docs / "snippets").rglob("*.md")):  # pieces of pages: checked once
        file = f"docs/{path.relative_to(docs).as_posix()}"
        text = path.read_text(encoding="utf-8")
        checks(engine.check_source, text, file, path.parent, page=False)
    return files


def on_page_markdown(markdown, page, config, files):
    raw = page.file.content_string
    file = f"docs/{page.file.src_uri}"
    try:
        read(raw, file)
    except FrontMatterError as err:  # unreadable front matter cannot be published at all
        raise stop([err.finding], str(err.finding), state["project"]) from None
    page_dir = Path(page.file.abs_src_path).parent if page.file.abs_src_path else config.docs_dir
    checks(state["engine"].check_source, raw, file, Path(page_dir))
    if len(markdown) > template_bounds.MAX_RENDERED:  # after macros: what the templates made
        raise PluginError(
            f"{file}: the page's text is {len(markdown) // 1000} KB once its templates are "
            f"filled in (at most {template_bounds.MAX_RENDERED // 1000} KB): a template repeats "
            "or pads text. Fix: write the text itself instead of the template that makes it."
        )
    return markdown


def on_post_page(output, page, config):
    output = material_html_fix.fix(output)
    built = Page(page.file.dest_uri, f"docs/{page.file.src_uri}", output, page.file.content_string)
    checks(state["engine"].check_page, built)
    return material_html_fix.without_notes(meta_policy(output, built))


def meta_policy(output, built):
    # Hosts that cannot send headers (GitHub Pages) get the policy in a <meta> tag.
    if os.environ.get(headers.META_POLICY) != "1":
        return output
    if "theme" not in state:
        state["theme"] = ThemeScripts(state["project"])
    inline, allow = built.inline, state["theme"].allowed
    return headers.with_meta_policy(output, inline, allow, state["css"])


def on_env(env, config, files):
    """The theme's templates render in Jinja's sandbox, as the pages do (macros/sandbox.py):
    overrides/ is developers' work, but a pull request can change it, and in a plain
    environment "{{ cycler.__init__.__globals__ }}" reaches Python on the build machine. The
    sandbox refuses every attribute starting with "_"; Material's templates use none."""
    box = SandboxedEnvironment(
        loader=env.loader,
        auto_reload=env.auto_reload,
        autoescape=env.autoescape,
        undefined=env.undefined,
        extensions=list(env.extensions),
    )
    box.globals.update(env.globals)  # gettext and friends, from MkDocs' translations
    box.filters.update(env.filters)
    box.tests.update(env.tests)
    box.newstyle_gettext = getattr(env, "newstyle_gettext", False)  # type: ignore[attr-defined]
    # The theme names pages by address ('privacy/'); a page renamed with a line in
    # redirects.yml is linked at its new address, not through the redirect or a 404.
    moved = address_ledger.moved(state["project"], state["sources"])
    url = box.filters["url"]
    box.filters["url"] = pass_context(lambda context, value: url(context, moved.get(value, value)))
    return box


def on_post_template(output, template_name, config):
    # The 404 page, sitemap.xml and other theme-only files are built as templates, not pages.
    state["outputs"].add(template_name)
    if not template_name.endswith(".html"):
        return output
    output = material_html_fix.fix(output)
    built = Page(template_name, f"theme template ({template_name})", output, None)
    checks(state["engine"].check_page, built)
    return meta_policy(output, built)


def on_post_build(config):
    site = Path(config.site_dir)
    results = checks(state["engine"].finish, state["sources"], state["outputs"], site)
    for finding in results.findings:
        (log.info if finding.severity == NOTICE else log.warning)(str(finding))
    for allowed in results.allowed:
        log.info(f"claim-ok marker: {allowed}")
    report.write_reports(results, state["project"])
    server_name = urlsplit(config.site_url or "").hostname or "_"
    headers.write_deploy_files(site, results.inline, state["outputs"], server_name=server_name)
    if preview_box.serving():
        preview_box.show(site, results)
    elif results.errors() and os.environ.get(REPORT_ONLY) != "1":
        # Listed again in the message itself: `-q` hides the warnings above.
        lines = "\n".join(f"  {f}" for f in results.errors())
        raise Abort(f"The build stopped: {report.summary(results.findings)}\n{lines}")
    elif not results.errors():
        # A new page's address joins the ledger of published addresses: commit it with the page.
        for added in address_ledger.record(state["project"], state["sources"]):
            log.info(f"New page address {added} added to {address_ledger.LEDGER}: commit it.")


def on_build_error(error):
    """A failure no check foresaw (a rule's own bug, a theme template error): the preview
    and the report say so in one sentence; the traceback stays in MkDocs' log."""
    if isinstance(error, PluginError | Abort) or "project" not in state:
        return  # ours (a stop, or the verdict after the last page): the report holds the findings
    what = (
        f"the build failed in a way the checks do not recognise ({type(error).__name__}: {error})."
    )
    fix = "undo your last change, or ask a developer; the details are in reports/build.log."
    file, line = "the site", 0
    if isinstance(error, SecurityError):  # the theme's sandbox (on_env) refused a template
        file, line = _template_at(error)
        what = f"a theme template reaches into Python, which the sandbox refuses ({str(error).rstrip('.')})."
        fix = (
            "remove it: a template shows values (page.title, config.extra.clinic.phone) and "
            "never reaches Python; theme changes are a developer's, reviewed."
        )
    found = Finding(file, line, what, fix, "build")
    if line:
        log.error(str(found))  # a file and line an editor can open, in MkDocs' own output too
    report.write_json([found], state["project"], stopped=True)


def _template_at(error: BaseException) -> tuple[str, int]:
    """The theme file and line a template error happened in, from its traceback."""
    project = state.get("project") or PROJECT
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.suffix == ".html" and path.is_relative_to(project):
            return path.relative_to(project).as_posix(), frame.lineno or 0
    return "overrides/", 0
