"""`./run leaflets` (after a build) and `./run deploy`: python -m leaflets [SITE]

Prints every page that has a leaflet marker to its PDF, joins the consultation pack, then
links each page to its PDFs with their real sizes and re-checks the site's links.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sitecheck.core.config import load_config
from sitecheck.drivers.cli import load_built_site, source_map

from .markers import find_markers, link_leaflets
from .render import Job, render
from .settings import SettingsError, read_settings


def site_path(dest: str) -> str:
    """ "cost/index.html" -> "cost/", the address the page is served at."""
    return dest.removesuffix("index.html")


def plan(project: Path, site: Path, config: dict, pack_pages) -> tuple[list[Job], list[str]]:
    markers = find_markers(site)
    jobs = [Job(site / m.pdf, (site_path(m.page),)) for m in markers if m.kind == "page"]
    notes = []
    packs = sorted({m.pdf for m in markers if m.kind == "pack"})
    if packs:
        dest_of = {src.removeprefix("docs/"): dest for dest, src in source_map(project).items()}
        pages = []
        for name in pack_pages:
            if name in dest_of and (site / dest_of[name]).is_file():
                pages.append(site_path(dest_of[name]))
            else:
                notes.append(
                    f"note: {name} is not in the site, so the consultation pack leaves it out."
                )
        if pages:
            jobs += [Job(site / pdf, tuple(pages), "Your consultation pack") for pdf in packs]
    return jobs, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument(
        "--pages", default="", help="only these pages' leaflets, e.g. 'cost/,faq/' (no pack)"
    )
    args = parser.parse_args(argv)
    project, site = Path.cwd(), args.site
    if not (site / "index.html").is_file():
        print(f"error: {site}/index.html not found: build the site first.", file=sys.stderr)
        return 1
    config = load_config(project)
    try:
        settings = read_settings(config)
    except SettingsError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    jobs, notes = plan(project, site, config, settings.pack)
    if args.pages:
        only = {p.strip().strip("/") for p in args.pages.split(",")}
        jobs = [j for j in jobs if len(j.pages) == 1 and j.pages[0].strip("/") in only]
        notes = []
    for note in notes:
        print(note, file=sys.stderr)
    if not jobs:
        print(
            "error: no page asks for a leaflet. Fix: keep the include of "
            "partials/leaflet-links.html in overrides/main.html.",
            file=sys.stderr,
        )
        return 1
    started = time.monotonic()
    render(
        site,
        config.get("site_url") or "",
        jobs,
        settings.paper,
        f" \N{EN DASH} {settings.clinic_name}",
    )
    links = link_leaflets(site)
    errors = load_built_site(project, site).errors()
    for finding in errors:
        print(finding, file=sys.stderr)
    print(
        f"Wrote {len(jobs)} PDF leaflets ({settings.paper}) in {time.monotonic() - started:.0f} s "
        f"and {links} links to them; {len(errors)} problems."
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
