"""Every file published from docs/ is allowed by its kind, not refused by a list of bad names.

Pages come from Markdown; the only other files docs/ may publish are pictures (an SVG only when
it can run and load nothing), PDF downloads without scripts or actions, and the files the
developers' mkdocs.yml names itself (`extra_javascript`, `extra_css`: pinned by
config_allowlist.yml). An `.html` page, a script, a stylesheet, a hosting platform's settings
(`_redirects`, `_headers`, `_worker.js`, `.htaccess`, `web.config`, `CNAME`,
`staticwebapp.config.json`, `robots.txt` …) or anything else is refused and left out of the build.
Snippets (docs/snippets/, never published: exclude_docs) are pieces of pages and not checked here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from sitecheck.rules.project.config_allowlist import ALLOWLIST, TagLoader

PICTURES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
DOWNLOADS = {".pdf"}
MAX_SVG_BYTES = 1_000_000
# Anything in an SVG that can run, load or expand: scripts, handlers, links out, foreign HTML,
# entities (a few bytes of them can fill the build machine's memory), style sheets.
SVG_REFUSED = re.compile(
    rb"<!DOCTYPE|<!ENTITY|<\?xml-stylesheet|<\s*(?:[\w-]+:)?(?:script|foreignObject|iframe|embed|"
    rb"object|image|use|a|style|animate|set|animateMotion|animateTransform|feImage)\b|"
    rb"\son[a-z]+\s*=|(?:xlink:)?href\s*=\s*[\"'](?!#)|url\(\s*[\"']?(?!#)|javascript:|@import",
    re.IGNORECASE,
)
PDF_REFUSED = re.compile(
    rb"/(?:JavaScript|JS|OpenAction|AA|Launch|SubmitForm|ImportData|RichMedia|EmbeddedFile|XFA|"
    rb"GoToR|GoToE|URI)\b"
)


@lru_cache(maxsize=1)
def named_by_config() -> frozenset[str]:
    """The files under docs/ the developers' mkdocs.yml names (its allow-list, never the
    editable file)."""
    data = yaml.load(ALLOWLIST.read_text(encoding="utf-8"), Loader=TagLoader) or {}
    out = set()
    for key in ("extra_javascript", "extra_css"):
        for entry in data.get(key) or []:
            path = entry.get("path") if isinstance(entry, dict) else entry
            if isinstance(path, str) and "://" not in path:
                out.add(path.lstrip("/"))
    return frozenset(out)


def refusal(rel: str, path: Path) -> tuple[str, str] | None:
    """(what, fix) when `rel` (relative to docs/) may not be published; None when it may."""
    if rel.startswith("snippets/") or not path.is_file():
        return None
    suffix = path.suffix.lower()
    if suffix == ".md" or rel in named_by_config():
        return None
    if suffix in PICTURES:
        return None
    if suffix == ".svg":
        data = path.read_bytes()
        bad = SVG_REFUSED.search(data[:MAX_SVG_BYTES])
        if len(data) > MAX_SVG_BYTES or bad:
            shown = bad.group(0).decode("utf-8", "replace").strip() if bad else "its size"
            return (
                f"the SVG picture '{rel}' can run code, load other files or grow without bound "
                f"(it has '{shown}'); a picture on this site only draws.",
                "export it again as a plain SVG (no scripts, links, embedded pictures, styles "
                "or DOCTYPE), or save it as PNG.",
            )
        return None
    if suffix in DOWNLOADS:
        bad = PDF_REFUSED.search(path.read_bytes())
        if bad:
            return (
                f"the PDF '{rel}' holds an action or script ({bad.group(0).decode()}) that a "
                "reader would run or follow when it is opened.",
                "print it to a new PDF ('Print' → 'Save as PDF'), which keeps only the pages, "
                "and put that in docs/.",
            )
        return None
    return (
        f"'{rel}' is not a kind of file the site publishes from docs/: only pages (.md), "
        "pictures (.png, .jpg, .gif, .webp, .avif, plain .svg) and PDF downloads are. A web "
        "page, script, stylesheet or hosting setting would change what patients' browsers run "
        "or how the server answers.",
        "delete it; write a page in Markdown instead, or ask a developer if the site needs "
        "this file (they name it in mkdocs.yml and its allow-list).",
    )
