"""`./run editorial [SITE]`: every rule, without MkDocs' hook; `./run headers [SITE]`.

Without SITE, the source rules run on docs/ (no build needed). With SITE, a folder built by
anything (MkDocs, or Zensical, which ignores hooks), the page and site rules run on its HTML too,
so a Zensical build is checked exactly like a MkDocs one. Exit 1 on any problem.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sitecheck.core.config import load_config
from sitecheck.engine import Engine, Page
from sitecheck.outputs import headers, report
from sitecheck.rules.claims.check import RulesError
from sitecheck.rules.project import theme_copies
from sitecheck.rules.project.published_files import check_docs, is_refused
from sitecheck.rules.source.review_dates import pages as doc_pages


def source_map(project: Path) -> dict[str, str]:
    """Built file -> Markdown source, asked of MkDocs itself so the map never drifts."""
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.structure.files import get_files

    cwd = os.getcwd()
    os.chdir(project)  # snippets and hooks paths are relative to the project
    try:
        files = get_files(mkdocs_config(str(project / "mkdocs.yml")))
    finally:
        os.chdir(cwd)
    return {f.dest_uri: f"docs/{f.src_uri}" for f in files.documentation_pages()}


def check_sources(engine: Engine, project: Path) -> None:
    docs = project / "docs"
    found, refused = check_docs(docs, engine.context.config.get("extra") or {})
    engine.findings += found
    pages = set(doc_pages(docs))
    for path in sorted(docs.rglob("*.md")):
        if is_refused(path.relative_to(docs).as_posix(), refused) or not path.is_file():
            continue
        file = f"docs/{path.relative_to(docs).as_posix()}"
        engine.check_source(path.read_text(encoding="utf-8"), file, path.parent, page=path in pages)


def load_built_site(project: Path, site: Path, engine: Engine | None = None) -> Engine:
    """Feed every HTML file of a built site folder to the page and site rules."""
    engine = engine or Engine(project, load_config(project))
    sources = source_map(project)
    outputs = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    context = engine.context
    context.sources, context.outputs, context.site_dir = sources, outputs, site
    for dest in sorted(o for o in outputs if o.endswith(".html")):
        file = sources.get(dest, f"theme template ({dest})")
        raw = (project / file).read_text(encoding="utf-8") if dest in sources else None
        engine.check_page(Page(dest, file, (site / dest).read_text(encoding="utf-8"), raw))
    engine.check_site()
    # A builder other than MkDocs (Zensical) may have copied the theme folder's notes too.
    engine.findings += theme_copies.check(project, engine.context.config, outputs)
    return engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", help="a built site folder to check too")
    args = parser.parse_args(argv)
    project = Path.cwd()
    try:
        engine = Engine(project, load_config(project))
    except RulesError as err:
        print(str(err), file=sys.stderr)
        return 1
    check_sources(engine, project)
    if args.site:
        if not (args.site / "index.html").is_file():
            print(f"error: {args.site}/index.html not found: build the site first.")
            return 1
        load_built_site(project, args.site, engine)
    results = engine.results()
    for line in report.terminal_lines(results.findings):
        print(line)
    report.write_reports(results, project)
    print(report.allowed_report(results.allowed) + "(also written to reports/claims-allowed.txt)")
    print(report.summary(results.findings) + " (reports/editorial.json)")
    return 1 if results.errors() else 0


def headers_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./run headers", description="Write _headers and _nginx.conf beside a built site."
    )
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--source", type=Path, default=headers.SOURCE)
    parser.add_argument("--server-name", default="_")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site}/index.html not found: build the site first.", file=sys.stderr)
        return 1
    engine = load_built_site(Path.cwd(), args.site)
    outputs = engine.context.outputs
    scripts, styles = headers.write_deploy_files(
        args.site, engine.inline, outputs, args.source, server_name=args.server_name
    )
    print(
        f"Wrote {headers.deploy_dir(args.site) / headers.HEADERS_FILE} and {headers.deploy_dir(args.site) / headers.NGINX_FILE} "
        f"({scripts} script hashes, {styles} style-attribute hashes)."
    )
    return 0
