"""The leaflet markers that overrides/partials/leaflet-links.html writes into each page.

A marker is a list item naming its PDF (relative to the page) and its link text. Until the PDF
exists it stays a marker (a print button, or hidden), so preview and `./run build` never link
to a missing file. Once the PDF is written, `link_leaflets` makes it a link with the real size.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

MARKER = re.compile(
    r'<li data-hc-leaflet="(?P<kind>page|pack)" data-hc-href="(?P<href>[^"]+)"'
    r' data-hc-label="(?P<label>[^"]+)"[^>]*>.*?</li>',
    re.DOTALL,
)


@dataclass(frozen=True)
class Marker:
    page: str  # the built page, relative to the site: "cost/index.html"
    kind: str  # "page" (this page's leaflet) or "pack" (the consultation pack)
    pdf: str  # the PDF, relative to the site: "leaflets/cost.pdf"


def pdf_of(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), html.unescape(href)))


def find_markers(site: Path) -> list[Marker]:
    found = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        for match in MARKER.finditer(path.read_text(encoding="utf-8")):
            found.append(Marker(page, match["kind"], pdf_of(page, match["href"])))
    return found


def size_text(size: int) -> str:
    return f"{max(1, round(size / 1000))} KB"


def _link(site: Path, page: str, match: re.Match) -> str:
    pdf = site / pdf_of(page, match["href"])
    if not pdf.is_file():
        return match[0]
    size = size_text(pdf.stat().st_size)
    return (
        f'<li><a href="{match["href"]}" type="application/pdf">'
        f"{match['label']} (PDF, {size})</a></li>"
    )


def link_leaflets(site: Path) -> int:
    """Turn every marker whose PDF exists into a link; return how many links were written."""
    count = 0
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8")
        new = MARKER.sub(lambda match, page=page: _link(site, page, match), text)
        if new != text:
            count += len(MARKER.findall(text)) - len(MARKER.findall(new))
            path.write_text(new, encoding="utf-8")
    return count
