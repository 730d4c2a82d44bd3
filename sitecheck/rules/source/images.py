"""Images: the file exists, is small enough for a phone, and has alternative text that describes it.

Screen-reader users hear the alt text instead of seeing the picture, so "image" or the file name
tells them nothing.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import line_of, without_code

MAX_BYTES = 200 * 1024
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = r"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
MEANINGLESS = {
    "image", "img", "picture", "pic", "photo", "photograph", "graphic", "figure", "icon",
    "screenshot", "illustration", "diagram", "alt", "alt text", "placeholder", "todo",
}  # fmt: skip
GENERIC_START = re.compile(r"^(an? )?(image|picture|photo|graphic) (of|showing)\b", re.IGNORECASE)


def attribute(tag: str, name: str) -> str | None:
    found = re.search(ATTRIBUTE.format(name=name), tag, re.IGNORECASE)
    return None if not found else next(g for g in found.groups() if g is not None)


def images_in(text: str) -> list[tuple[int, str | None, str]]:
    """(offset, alt or None when missing, src) for each image in the page text."""
    found = [(m.start(), m.group("alt"), m.group("src")) for m in MARKDOWN_IMAGE.finditer(text)]
    for tag in HTML_IMAGE.finditer(text):
        found.append((tag.start(), attribute(tag.group(0), "alt"), attribute(tag.group(0), "src")))
    return found


def plain(text: str) -> str:
    return " ".join(re.sub(r"[_\-.]+", " ", text).lower().split())


def alt_problem(alt: str | None, src: str) -> str | None:
    if alt is None or not alt.strip():
        return "has no alternative text"
    words = plain(alt)
    name = PurePosixPath(urlsplit(src).path).name
    if words in MEANINGLESS or words in (plain(name), plain(name.rsplit(".", 1)[0])):
        return f"has alternative text that says nothing about it (“{alt.strip()}”)"
    if GENERIC_START.match(alt.strip()):
        return f"has alternative text that starts with “{alt.strip().split()[0]} …”"
    return None


MAX_SIDE = 4000  # pixels; a 16,000-pixel square is 1 GB unpacked, in 31 KB of PNG


def pixel_size(path: Path) -> tuple[int, int] | None:
    """Width and height from a PNG, GIF, JPEG or WebP header (None: another kind, or unreadable)."""
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return int.from_bytes(head[6:8], "little"), int.from_bytes(head[8:10], "little")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = head[12:16]
        if kind == b"VP8X":
            return 1 + int.from_bytes(head[24:27], "little"), 1 + int.from_bytes(
                head[27:30], "little"
            )
        if kind == b"VP8L":
            bits = int.from_bytes(head[21:25], "little")
            return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
        if kind == b"VP8 ":
            return int.from_bytes(head[26:28], "little") & 0x3FFF, int.from_bytes(
                head[28:30], "little"
            ) & 0x3FFF
        return None
    if head[:2] == b"\xff\xd8":  # JPEG: the first start-of-frame marker holds the size
        at = 2
        while at + 9 < len(head) and head[at] == 0xFF:
            marker, length = head[at + 1], int.from_bytes(head[at + 2 : at + 4], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                return int.from_bytes(head[at + 7 : at + 9], "big"), int.from_bytes(
                    head[at + 5 : at + 7], "big"
                )
            at += 2 + length
    return None


def check_images(raw: str, file: str, page_dir: Path) -> list[Finding]:
    text = without_code(raw)
    out = []
    for offset, alt, src in images_in(text):
        line = line_of(raw, offset)
        if not src:
            out.append(Finding(file, line, "an image has no file (src).", "name the file."))
            continue
        problem = alt_problem(alt, src)
        if problem:
            out.append(
                Finding(
                    file,
                    line,
                    f"the image '{src}' {problem}; screen-reader users hear it instead of seeing "
                    "the picture.",
                    "describe what the picture shows in a few words, e.g. "
                    "![Syringe drawing blood from an arm](images/blood-sample.jpg).",
                )
            )
        parts = urlsplit(src)
        if parts.scheme or parts.netloc:
            if parts.scheme != "data":
                out.append(
                    Finding(
                        file,
                        line,
                        f"the image '{src}' is loaded from another website, which lets that "
                        "website see who reads the page.",
                        "save the image in docs/images/ and link to it as images/name.jpg.",
                    )
                )
            continue
        path = (page_dir / unquote(parts.path)).resolve()
        if not path.is_file():
            out.append(
                Finding(
                    file,
                    line,
                    f"the image file '{src}' does not exist.",
                    "check the file name and folder; images live in docs/images/ and a page in "
                    "docs/ links to them as images/name.jpg.",
                )
            )
        elif (size := pixel_size(path)) and max(size) > MAX_SIDE:
            out.append(
                Finding(
                    file,
                    line,
                    f"the image '{src}' is {size[0]} by {size[1]} pixels; a phone must unpack "
                    "every pixel to show it, and runs out of memory (a small file can hold a "
                    "huge picture).",
                    f"save it at most {MAX_SIDE} pixels on its longest side (1200 wide is plenty "
                    "on a page).",
                )
            )
        elif path.stat().st_size > MAX_BYTES:
            size = path.stat().st_size // 1024
            out.append(
                Finding(
                    file,
                    line,
                    f"the image '{src}' is {size} KB; the limit is {MAX_BYTES // 1024} KB so pages "
                    "stay fast on phones.",
                    "make it smaller: at most 1200 pixels wide, saved as JPEG (quality 75) or "
                    "WebP, or as SVG for drawings.",
                )
            )
    return out
