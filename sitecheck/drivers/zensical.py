"""`./run zensical`: build with Zensical, then every check, as `./run build` does with MkDocs.

Zensical reads mkdocs.yml and overrides/ but runs no MkDocs hook, so nothing checks a page while
it is built and no preview box exists. This runs, in order: the same first look at mkdocs.yml and
the pages as `./run build` (sitecheck/rules/project/preflight.py), `zensical build --clean`, the
removal of what Zensical copied from the theme folder for editors (overrides/README.md), every
rule on the built folder (`./run editorial site`), and the security headers beside it
(`./run headers site`). Exit 1 on any problem, so a broken page is never left to be published.

    python -m sitecheck.drivers.zensical
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from sitecheck.core.config import load_config
from sitecheck.drivers import cli
from sitecheck.outputs import report
from sitecheck.rules.project import preflight, theme_copies

ZENSICAL = Path(sys.executable).with_name("zensical")


def zensical_config(project: Path) -> str:
    """Zensical runs no hook, so the clinic's facts (clinic.yml) reach its pages through its one
    configuration file: mkdocs.yml with the facts under `extra:` (zensical.yml, not committed)."""
    from devtools.move_facts import inline_facts

    merged = inline_facts(
        (project / "mkdocs.yml").read_text(encoding="utf-8"),
        (project / "clinic.yml").read_text(encoding="utf-8"),
    )
    (project / "zensical.yml").write_text(merged, encoding="utf-8")
    return "zensical.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./run zensical", description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    project = Path.cwd()
    problems = preflight.check_project(project)
    if problems:
        report.write_json(problems, project)
        print(preflight.stop_message(problems), file=sys.stderr)
        return 1
    build = subprocess.run(
        [str(ZENSICAL), "build", "--clean", "-f", zensical_config(project)], check=False
    )
    if build.returncode != 0:
        print("The Zensical build failed (its messages are above).", file=sys.stderr)
        return build.returncode
    config = load_config(project)
    site = Path(config.get("site_dir") or "site")  # where Zensical wrote it, as MkDocs would
    for out in theme_copies.remove(project, config, site):
        print(f"Left out {site}/{out}: a copy of the theme folder's notes for editors.")
    if cli.main([str(site)]) != 0:
        print("Not ready to publish: fix the problems above and run ./run zensical again.")
        return 1
    return cli.headers_main([str(site)])


if __name__ == "__main__":
    sys.exit(main())
