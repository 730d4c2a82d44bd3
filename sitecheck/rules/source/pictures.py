"""Pictures patients can see: a format every current browser shows, judged by the file's
content (its first bytes), not by its name; no result (before/after) photos; no picture of a
text or price list; no camera location or owner inside the file.

A phone gives HEIC, a scanner TIFF, a designer PSD; renamed to .jpg they still do not show.
A name that matches a file except for capitals works on the editor's Mac or Windows and breaks
on the web server, so it names the file that is there.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import line_of, without_code
from sitecheck.rules.source.images import images_in

CONVERT = (
    "open it and save or export it as JPEG (photos) or PNG (drawings); on an iPhone, set "
    "Settings > Camera > Formats > Most Compatible, or e-mail the photo to yourself as JPEG"
)
SHOWN = {"PNG", "JPEG", "GIF", "WebP", "AVIF", "SVG"}


def kind_of(data: bytes) -> str:
    """The picture format its first bytes say, whatever its name."""
    head = data[:64]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"avif", b"avis"):
            return "AVIF"
        if brand in (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"):
            return "HEIC"
        return "video or another phone format"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if head.startswith(b"8BPS"):
        return "Photoshop (PSD)"
    if head.startswith(b"%PDF"):
        return "PDF"
    if head.startswith(b"BM"):
        return "BMP"
    if head.startswith(b"PK\x03\x04"):
        return "Office document or ZIP"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "old Office document"
    text = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096]:
        return "SVG"
    return "not a picture"


def gif_frames(data: bytes) -> int:
    """How many pictures a GIF holds (more than one: it moves or flashes)."""
    if len(data) < 13:
        return 0
    pos = 13
    flags = data[10]
    if flags & 0x80:
        pos += 3 * (2 ** ((flags & 7) + 1))
    frames = 0
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:  # the end
            break
        if block == 0x21:  # an extension: skip its sub-blocks
            pos += 2
            while pos < len(data) and data[pos]:
                pos += data[pos] + 1
            pos += 1
        elif block == 0x2C:  # one picture
            frames += 1
            if pos + 10 > len(data):
                break
            local = data[pos + 9]
            pos += 10
            if local & 0x80:
                pos += 3 * (2 ** ((local & 7) + 1))
            pos += 1  # LZW minimum code size
            while pos < len(data) and data[pos]:
                pos += data[pos] + 1
            pos += 1
        else:
            break
    return frames


EXIF_PRIVATE = {
    0x8825: "the place where it was taken (GPS)",
    0x013B: "the name of the person who took it",
    0xA430: "the name of the camera's owner",
    0x9C9D: "the name of the person who took it",
}


def _exif_tags(tiff: bytes) -> set[int]:
    """The tag numbers of a JPEG's Exif block (its first directory and the Exif directory)."""
    if len(tiff) < 8 or tiff[:2] not in (b"II", b"MM"):
        return set()
    order = "little" if tiff[:2] == b"II" else "big"

    def number(at: int, size: int) -> int:
        return int.from_bytes(tiff[at : at + size], order)

    tags: set[int] = set()
    todo, seen = [number(4, 4)], set()
    while todo:
        at = todo.pop()
        if at in seen or at + 2 > len(tiff):
            continue
        seen.add(at)
        for index in range(min(number(at, 2), 512)):
            entry = at + 2 + 12 * index
            if entry + 12 > len(tiff):
                break
            tag = number(entry, 2)
            tags.add(tag)
            if tag == 0x8769:  # the Exif directory: the camera owner is in it
                todo.append(number(entry + 8, 4))
    return tags


def private_metadata(data: bytes) -> str | None:
    """What a photo carries about where and by whom it was taken (Exif GPS, owner, author)."""
    head = data[:131072]
    start = head.find(b"Exif\x00\x00")
    if start >= 0:
        for tag in sorted(_exif_tags(head[start + 6 :])):
            if tag in EXIF_PRIVATE:
                return EXIF_PRIVATE[tag]
    if re.search(rb"exif:GPS|<dc:creator|photoshop:AuthorsPosition|Iptc4xmpCore", head):
        return "where it was taken or who took it"
    return None


RESULT_WORDS = re.compile(
    r"\b(before[\s_-]*(and|&|\+|-|_|/)?[\s_-]*after|after[\s_-]*treatment|results?[\s_-]*photo|"
    r"progress[\s_-]*photo)\b",
    re.IGNORECASE,
)
TEXT_WORDS = re.compile(
    r"\b(price[\s_-]*list|prices|table|spreadsheet|screenshot|screen[\s_-]*shot|"
    r"opening[\s_-]*hours|timetable)\b",
    re.IGNORECASE,
)


def case_twin(path: Path) -> Path | None:
    """The file in the same folder whose name differs only in capitals, if any."""
    folder = path.parent
    if not folder.is_dir():
        return None
    want = path.name.lower()
    for other in folder.iterdir():
        if other.name.lower() == want and other.name != path.name:
            return other
    return None


def exact_exists(path: Path) -> bool:
    """The file exists with exactly these capitals (a Mac or Windows disk ignores them)."""
    if not path.is_file():
        return False
    return path.name in {p.name for p in path.parent.iterdir()}


def check_pictures(raw: str, file: str, page_dir: Path) -> list[Finding]:
    text = without_code(raw)
    out = []
    for offset, alt, src in images_in(text):
        if not src:
            continue
        parts = urlsplit(src)
        if parts.scheme or parts.netloc:
            continue  # images.py says a picture must be saved in docs/images/
        line = line_of(raw, offset)
        path = page_dir / unquote(parts.path)
        name = PurePosixPath(parts.path).name
        words = f"{name} {alt or ''}"
        if RESULT_WORDS.search(re.sub(r"[_-]", " ", words)):
            out.append(
                Finding(
                    file,
                    line,
                    f"the picture '{src}' looks like a result (before and after) photo; results "
                    "differ from person to person, and such photos are advertising that the "
                    "clinic may not publish as a promise.",
                    "remove the picture; describe results in words on the results page, with "
                    "their source.",
                )
            )
        if TEXT_WORDS.search(re.sub(r"[_-]", " ", words)):
            out.append(
                Finding(
                    file,
                    line,
                    f"the picture '{src}' shows text or a table as a picture; screen readers, "
                    "search and translation cannot read it, and it goes stale when prices change.",
                    "type the text or table into the page instead (prices as {{ clinic.price.amount }} "
                    "and the other clinic facts).",
                )
            )
        if not exact_exists(path):
            twin = case_twin(path)
            if twin is not None:
                out.append(
                    Finding(
                        file,
                        line,
                        f"the picture '{src}' is not found: the file is called '{twin.name}' "
                        "(capital and small letters differ). Your computer ignores the "
                        "difference; the web server does not.",
                        f"write the name exactly as the file is called: '{twin.name}', or "
                        "rename the file.",
                    )
                )
            continue  # a missing file: images.py says so
        try:
            data = path.read_bytes()
        except OSError:
            continue
        kind = kind_of(data)
        if kind not in SHOWN:
            out.append(
                Finding(
                    file,
                    line,
                    f"the picture '{src}' "
                    + ("is not a picture file" if kind == "not a picture" else f"is a {kind} file")
                    + ", which browsers cannot show (patients see a broken picture), whatever "
                    "its name says.",
                    f"{CONVERT}; then link the new file. Pictures may be PNG, JPEG, GIF, WebP, "
                    "AVIF or SVG.",
                )
            )
            continue
        if kind == "GIF" and gif_frames(data) > 1:
            out.append(
                Finding(
                    file,
                    line,
                    f"the picture '{src}' is moving (an animated GIF); moving or flashing "
                    "pictures distract and can trigger seizures.",
                    "use a still picture (PNG or JPEG), or a GIF with one frame.",
                )
            )
        if kind == "JPEG" and (about := private_metadata(data)):
            out.append(
                Finding(
                    file,
                    line,
                    f"the photo '{src}' still carries {about} inside the file; anyone can read it.",
                    "remove the photo's details before adding it: on Windows, Properties > "
                    "Details > Remove Properties; on a Mac, export it from Preview or Photos "
                    "without location; or save a copy as PNG.",
                )
            )
    return out
