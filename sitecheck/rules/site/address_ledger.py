"""A published address never disappears.

`published-addresses.txt` (at the top of the project, committed) lists every page address the
site has published. Bookmarks, search results, printed leaflets and e-mails point at them, so a
page that is renamed or deleted leaves its old address behind: the build stops and names it,
until `redirects.yml` sends that address to a page that exists. The engine then writes a small
redirect page at the old address: a static page with <meta http-equiv="refresh"> and a plain
link, no script, so the site's strict security policy holds.

A new page's address is added to the ledger by a build that has no problems; the editor commits
the file with the page. On GitHub (where nothing the build writes is committed) a new address
missing from the ledger is a finding instead, with the line to add.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from pathlib import Path

import yaml

from sitecheck.core.finding import Finding
from sitecheck.core.source_lines import file_lines
from sitecheck.core.yaml_loader import SafeLoader

LEDGER = "published-addresses.txt"
REDIRECTS = "redirects.yml"
HEADER = (
    "# Every page address this site has published, one a line (written by ./run build).\n"
    "# Do not delete lines: people have these addresses in bookmarks, leaflets and e-mails.\n"
    "# When a page is renamed or deleted, send its old address on in redirects.yml.\n"
)
REDIRECTS_HELP = (
    "# Old page addresses and where they now lead, one a line:\n"
    "#   old-address/: new-page.md\n"
    "# e.g.  women/: hair-loss-in-women.md\n"
    "redirects: {}\n"
)


def address_of(dest: str) -> str:
    """'women/index.html' -> 'women/', 'index.html' -> '/', '404.html' -> '404.html'."""
    if dest == "index.html":
        return "/"
    return dest[: -len("index.html")] if dest.endswith("/index.html") else dest


def read_ledger(project: Path) -> dict[str, int] | None:
    path = project / LEDGER
    if not path.is_file():
        return None
    out = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            out.setdefault(line, number)
    return out


def read_redirects(project: Path) -> tuple[dict[str, tuple[str, int]], list[Finding]]:
    """{old address: (target as written, line)}, and what is wrong with the file."""
    path = project / REDIRECTS
    if not path.is_file():
        return {}, []
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=SafeLoader) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return {}, [
            Finding(
                REDIRECTS,
                mark.line + 1 if mark else 0,
                "this file cannot be read.",
                "write each redirect on its own line, indented by two spaces under "
                "'redirects:', as  old-address/: new-page.md",
            )
        ]
    table = data.get("redirects") if isinstance(data, dict) else None
    if table is None:
        table = {}
    if not isinstance(table, dict):
        return {}, [
            Finding(
                REDIRECTS,
                1,
                "'redirects:' must be a list of  old-address/: new-page.md  lines.",
                "indent each line by two spaces under 'redirects:'.",
            )
        ]
    lines = text.splitlines()
    out, problems = {}, []
    for old, new in table.items():
        line = next(
            (n for n, s in enumerate(lines, 1) if s.strip().startswith(str(old).strip())), 0
        )
        if not SITE_ADDRESS.fullmatch(str(old).strip().lstrip("/")):
            problems.append(
                Finding(
                    REDIRECTS,
                    line,
                    f"the old address '{old}' is not an address of this site: an address is "
                    "folder names of letters, digits, '-', '_' and '.' joined by '/', with no "
                    "'..', '\\', '%', ':' or spaces, so its redirect page stays inside site/.",
                    "write the old address as the browser showed it after the site's name, "
                    "e.g.  women/: hair-loss-in-women.md",
                )
            )
            continue
        if not SITE_ADDRESS.fullmatch(str(new or "").strip().split("#")[0].lstrip("/")):
            problems.append(
                Finding(
                    REDIRECTS,
                    line,
                    f"the address '{old}' is sent to '{new}', which is not a page file of "
                    "this site's docs/ folder (no '..', '\\', '%', ':', spaces or other websites).",
                    f"write the file name of an existing page in docs/, e.g. '{old}: cost.md'.",
                )
            )
            continue
        out[normal(str(old))] = (str(new or ""), line)
    return out, problems


# A site-relative address: segments that start with a letter, digit, '_' or '-' (so never '.'
# or '..'), of letters, digits and '._-', joined by single '/'. An allow-list: nothing else can
# name a file outside site/ (no '..', '\\', '%2e', drive letters, spaces or other hosts).
SITE_ADDRESS = re.compile(r"(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*(?:[A-Za-z0-9_-][A-Za-z0-9._-]*)?")


def normal(address: str) -> str:
    address = address.strip().lstrip("/")
    if address in ("", "index.html", "index.md"):
        return "/"
    if address.endswith(".md"):
        address = address[:-3] + "/"
    if address.endswith("/index/"):
        address = address[: -len("index/")]
    if not address.endswith("/") and "." not in posixpath.basename(address):
        address += "/"
    return address


def target_of(written: str, sources: dict[str, str]) -> str | None:
    """The address a redirect's target names (a page file or an address), if that page exists."""
    written = written.strip().split("#")[0]
    by_file = {src.removeprefix("docs/"): address_of(dest) for dest, src in sources.items()}
    if written in by_file:
        return by_file[written]
    if written.removeprefix("docs/") in by_file:
        return by_file[written.removeprefix("docs/")]
    address = normal(written)
    return address if address in set(by_file.values()) else None


def moved(project: Path, sources: dict[str, str]) -> dict[str, str]:
    """{old address: new address} for every redirect whose target page exists: the theme's
    fixed links (the footer's 'privacy/') follow a renamed page instead of breaking."""
    table, _ = read_redirects(project)
    pairs = ((old, target_of(written, sources)) for old, (written, _) in table.items())
    return {old: new for old, new in pairs if new is not None}


def redirect_page(old: str, new: str, site_url: str) -> str:
    depth = 0 if old == "/" else old.strip("/").count("/") + 1
    relative = "../" * depth + ("" if new == "/" else new)
    relative = relative or "./"
    canonical = site_url.rstrip("/") + "/" + ("" if new == "/" else new) if site_url else relative
    href = html.escape(relative, quote=True)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>This page has moved</title>\n"
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'<link rel="canonical" href="{html.escape(canonical, quote=True)}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f'<p>This page has moved. <a href="{href}">Go to the new page</a>.</p>\n'
        "</body>\n</html>\n"
    )


def check_site(pages, context) -> list[Finding]:
    project = context.project
    ledger = read_ledger(project)
    if ledger is None:
        return []  # no ledger yet: the first clean build writes it
    sources = context.sources or {}
    current = {address_of(dest) for dest in sources}
    redirects, out = read_redirects(project)
    for old, (written, line) in redirects.items():
        if old in current:
            out.append(
                Finding(
                    REDIRECTS,
                    line,
                    f"the address '{old}' is a page of the site again, so it cannot also "
                    "lead elsewhere.",
                    f"delete the line '{old}: {written}' from {REDIRECTS}.",
                )
            )
            continue
        new = target_of(written, sources)
        if new is None:
            out.append(
                Finding(
                    REDIRECTS,
                    line,
                    f"the address '{old}' is sent to '{written}', which is not a page of the site.",
                    f"write the file name of an existing page in docs/, e.g. '{old}: cost.md'.",
                )
            )
            continue
        site = context.site_dir
        if site is not None:
            dest = (
                "index.html" if old == "/" else (old + "index.html" if old.endswith("/") else old)
            )
            path = Path(site) / dest
            if not path.resolve().is_relative_to(Path(site).resolve()):
                continue  # read_redirects refused it already; never write outside site/
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(redirect_page(old, new, context.site_url), encoding="utf-8")
            context.outputs.add(dest)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # On GitHub nobody commits what the build writes: a new page's address is added by hand.
        end = max(ledger.values(), default=0) + 1
        for new in sorted(current - set(ledger)):
            out.append(
                Finding(
                    LEDGER,
                    end,
                    f"the new page address '{new}' is not in {LEDGER} yet.",
                    f"add the line  {new}  at the end of {LEDGER} (or run ./run build on your "
                    "computer, which adds it, and commit the file).",
                )
            )
    # New addresses a redirect already explains are renames done right, not this one's pair.
    sent_to = {target_of(written, sources) for written, _ in redirects.values()}
    added = sorted(current - set(ledger) - sent_to)
    gone = [old for old in ledger if old not in current and old not in redirects]
    for old, line in sorted(ledger.items(), key=lambda item: item[1]):
        if old in current or old in redirects:
            continue
        guess = _closest(old, current)
        file, where = LEDGER, line
        if len(gone) == 1 and len(added) == 1:
            # One page gone and one new: a rename. Name the line the editor wrote for the new
            # page (its menu entry), where the editor is working.
            guess = "index.md" if added[0] == "/" else added[0].rstrip("/") + ".md"
            file, where = _menu_line(project, guess) or (LEDGER, line)
        out.append(
            Finding(
                file,
                where,
                f"the page address '{old}' was published before and is gone now (its page was "
                "renamed, moved or deleted): patients' bookmarks, search results, leaflets and "
                "e-mails would lead to 'page not found'.",
                f"add the line  {old}: {guess or 'the-new-page.md'}  under 'redirects:' in "
                f"{REDIRECTS}, naming the page that replaces it (or give the page its old file "
                "name back).",
            )
        )
    return out


def _menu_line(project: Path, page: str) -> tuple[str, int] | None:
    """mkdocs.yml and the line of its menu entry for `page`, if it has one."""
    for number, line in enumerate(file_lines(project / "mkdocs.yml"), start=1):
        if re.match(rf"^\s*-\s*(?:[^#]*:\s*)?['\"]?{re.escape(page)}['\"]?\s*$", line):
            return "mkdocs.yml", number
    return None


def _closest(old: str, current: set[str]) -> str | None:
    stem = re.sub(r"\W+", " ", old).split()
    best, score = None, 0
    for address in current:
        words = set(re.sub(r"\W+", " ", address.lower()).split())
        hits = sum(w.lower() in words for w in stem)
        if hits > score:
            best, score = address, hits
    if best is None:
        return None
    return "index.md" if best == "/" else best.rstrip("/") + ".md"


def record(project: Path, sources: dict[str, str]) -> list[str]:
    """Add the addresses of new pages to the ledger (after a build without problems); the
    addresses added. Writes the ledger and an empty redirects.yml when they do not exist."""
    path = project / LEDGER
    known = read_ledger(project) or {}
    new = sorted({address_of(d) for d in sources} - set(known), key=lambda a: (a != "/", a))
    if new or not path.is_file():
        text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(f"{a}\n" for a in new), encoding="utf-8")
    if not (project / REDIRECTS).is_file():
        (project / REDIRECTS).write_text(REDIRECTS_HELP, encoding="utf-8")
    return new
