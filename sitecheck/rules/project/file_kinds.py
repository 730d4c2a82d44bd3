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

import contextlib
import re
import zlib
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


# A form's field with something written in it: a blank form ("Patient name: ______") passes.
FILLED_IN = re.compile(
    r"\b(?:patient(?:'s)?(?:\s+name)?|name\s+of\s+patient|date\s+of\s+birth|d\.?o\.?b\.?|born|"
    r"signed(?:\s+by)?|signature|medical\s+record(?:\s+number)?|mrn|ssn|social\s+security(?:\s+"
    r"number)?|insurance\s+(?:id|number)|policy\s+number|medicines?|medications?|allergies)"
    r"\s*[:#]\s*(?=[A-Za-z0-9])[^\n_]{2,40}",
    re.IGNORECASE,
)
PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
PDF_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)")


def pdf_text(data: bytes) -> str:
    """The text a PDF shows, roughly: the strings of its content streams (inflated when they
    are compressed), one line per text operator. Enough to see what a form says."""
    lines = []
    for found in PDF_STREAM.finditer(data):
        body = found.group(1)
        with contextlib.suppress(zlib.error):
            body = zlib.decompressobj().decompress(body, 2_000_000)
        if b"BT" not in body:
            continue
        for string in PDF_STRING.findall(body):
            inner = string[1:-1]
            inner = re.sub(rb"\\([()\\])", rb"\1", inner)
            lines.append(inner.decode("latin-1"))
    return "\n".join(lines)


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
        data = path.read_bytes()
        bad = PDF_REFUSED.search(data)
        if bad:
            return (
                f"the PDF '{rel}' holds an action or script ({bad.group(0).decode()}) that a "
                "reader would run or follow when it is opened.",
                "print it to a new PDF ('Print' → 'Save as PDF'), which keeps only the pages, "
                "and put that in docs/.",
            )
        text = pdf_text(data)
        filled = FILLED_IN.search(text)
        if filled:
            return (
                f"the PDF '{rel}' is a filled-in patient document: it says "
                f"“{' '.join(filled.group(0).split())[:60]}”. A patient's name, birth date, "
                "signature or medicines must never be published.",
                "delete it at once (and tell the practice manager: it may be a data breach); to "
                "publish a form, use the blank form exported from its document, with empty "
                "fields.",
            )
        if not text.strip():
            return (
                f"the PDF '{rel}' has no text, only pictures of pages (a scan): screen readers "
                "cannot read it, search cannot find it, and nobody can see from the build what "
                "it shows (a scan may be a filled-in patient form).",
                "export the PDF from the document it was written in ('Save as PDF'), or write "
                "its content as a page.",
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
