"""The page-weight benchmark measures real gzip transfers and flags heavy or third-party pages."""

from __future__ import annotations

import gzip
import os
import struct
import zlib

import pytest

from benchmarks import weight
from devtools.nginx import require_nginx, serve_built_site
from tests.conftest import page

pytestmark = pytest.mark.browser


def noise_png(width: int, height: int) -> bytes:
    """A valid PNG of random pixels: it does not compress, so gzip cannot hide its weight."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + os.urandom(width * 3) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 0))
        + chunk(b"IEND", b"")
    )


def test_weight_is_what_nginx_sent_with_gzip(built_site, browser):
    require_nginx()
    with serve_built_site(built_site.site) as server:
        measured = weight.measure_page(browser, server.base_url, "")
        # the shipped configuration, not a benchmark's own: its security headers are there
        assert "content-security-policy" in server.get("/").headers
    assert measured.requests >= 3
    assert sum(measured.by_kind.values()) == measured.transferred
    # The stylesheet is in the page (overrides/main.html), so the page is most of what gzip
    # saves: it must travel compressed, and no stylesheet is fetched besides it.
    html_on_disk = (built_site.site / "index.html").stat().st_size
    assert 0 < measured.by_kind["html"] < html_on_disk / 2, "pages should travel gzip-compressed"
    assert measured.by_kind["css"] == 0
    assert "OVER" not in "\n".join(weight.table([measured]))
    # Every script counts, the search worker's own file too (Chromium reports 0 bytes for it).
    scripts = [p for p in built_site.site.rglob("*.min.js") if "lunr" not in p.parts]
    assert measured.by_kind["js"] >= 0.9 * sum(len(gzip.compress(p.read_bytes())) for p in scripts)


def test_heavy_page_and_third_party_request_are_flagged(project, browser):
    project.write("docs/images/photo.png", "")  # creates the folder
    project.path("docs/images/photo.png").write_bytes(noise_png(256, 180))
    project.write(
        "docs/heavy.md",
        page(
            "Heavy",
            "![A large photo](images/photo.png)\n\n![Tracker](https://cdn.tracker.example/p.gif)",
        ),
    )
    project.replace(
        "mkdocs.yml", "  - Home: index.md\n", "  - Home: index.md\n  - Heavy: heavy.md\n"
    )
    built = project.build()
    assert built.returncode == 0, built.output
    require_nginx()
    with serve_built_site(built.site) as server:
        measured = weight.measure_page(browser, server.base_url, "heavy/")
    assert measured.by_kind["img"] > 120 * 1024
    assert any("cdn.tracker.example" in u for u in measured.third_party)
    row = weight.table([measured])[2]
    assert row.rstrip(" |").endswith("OVER")
