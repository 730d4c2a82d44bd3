"""A picture's pixel size is read from its header: a small file can hold a huge picture."""

from __future__ import annotations

import struct

import pytest

from sitecheck.rules.source.images import check_images, pixel_size


def png(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\0\0\0\0"


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\1\1\0\0\1\0\1\0\0"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\0" * 9
    return b"\xff\xd8" + app0 + sof


def gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\0\0\0"


def webp(width: int, height: int) -> bytes:
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\0\0\0\0"
    vp8x += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", 30) + b"WEBP" + vp8x


@pytest.mark.parametrize("kind", [png, jpeg, gif, webp])
def test_the_size_is_read_from_each_kind_of_picture(tmp_path, kind):
    path = tmp_path / "picture"
    path.write_bytes(kind(1200, 800))
    assert pixel_size(path) == (1200, 800)


def test_a_huge_picture_in_a_small_file_is_refused_with_its_line(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "map.png").write_bytes(png(16000, 16000))
    (tmp_path / "images" / "photo.jpg").write_bytes(jpeg(1200, 800))
    raw = "# Map\n\n![Map of the clinic's street](images/map.png)\n\n![Our waiting room](images/photo.jpg)\n"
    found = [str(f) for f in check_images(raw, "docs/where.md", tmp_path)]
    assert len(found) == 1, found
    assert found[0].startswith(
        "docs/where.md:3: the image 'images/map.png' is 16000 by 16000 pixels"
    )
    assert "Fix: save it at most 4000 pixels on its longest side" in found[0]
