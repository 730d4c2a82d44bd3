"""What may be published from docs/, checked before anything is built.

Only files that really live inside docs/ are published: a shortcut (symlink) that points
outside would put that file (/etc/passwd, the build machine's environment) on the web. Editor
leftovers (backup, swap and lock files), hidden files and names that are not web addresses
(a space, an accent, '#') are refused too. Pages that are too
large or nested too deeply are refused here, before Markdown spends minutes on them and stops
with a traceback. The hook drops every refused file from the build, so nothing of it is
published even by a report-only test build; `./run editorial` runs the same function.
"""

from __future__ import annotations

import fnmatch
import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import without_code
from sitecheck.rules.project import file_kinds
from sitecheck.rules.source.template_code import check_template_code

RULE = "published-files"
MAX_PAGE_BYTES = 500_000
# Deeper than any page needs; Python-Markdown recurses once per level and gives up near 100.
MAX_NESTING = 12
LEFTOVERS = ("*~", "*.swp", "*.swo", "*.swx", "*.bak", "*.orig", "*.tmp", ".#*", "#*#")
LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
QUOTE = re.compile(r"[ \t]{0,3}>")
HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(/?)>")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def _inside(path: Path, docs: Path) -> bool:
    try:
        path.resolve().relative_to(docs.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


# An empty file that only makes git keep an empty folder (docs/images/ before its first picture).
KEEP_FOLDER = ".gitkeep"


def _refusal(rel: str, path: Path, docs: Path) -> tuple[str, str] | None:
    name = path.name
    if path.is_symlink() and not _inside(path, docs):
        target = os.readlink(path)
        return (
            f"'{rel}' is a shortcut (symlink) to {target}, outside docs/: publishing it would "
            "put a file from the computer that builds the site on the web.",
            "delete the shortcut and copy the file you mean to publish into docs/ instead.",
        )
    if any(fnmatch.fnmatch(name, pattern) for pattern in LEFTOVERS):
        return (
            f"'{rel}' is a backup or temporary file left by an editor; it would be published "
            "as it is.",
            "delete it (your editor keeps its own copy); only pages, pictures and downloads "
            "belong in docs/.",
        )
    if name.startswith("."):
        return (
            f"'{rel}' is a hidden file (its name starts with a dot); hidden files can hold "
            "settings or passwords and are never published.",
            "delete it, or move it out of docs/.",
        )
    kind = file_kinds.refusal(rel, path)
    if kind:
        return kind
    odd = sorted(set(BAD_NAME.findall(name)))
    if odd:
        shown = " and ".join("a space" if c == " " else f"'{c}'" for c in odd)
        return (
            f"the name of '{rel}' has {shown}: its address on the web would be broken or "
            "garbled, and links to it fail.",
            f"rename it to '{suggested_name(name)}' (letters, digits and hyphens only, lower "
            "case), and change the links and the nav: line that name it.",
        )
    return None


# File and folder names that are also web addresses: letters, digits, '.', '_' and '-' only.
BAD_NAME = re.compile(r"[^A-Za-z0-9._-]")


def suggested_name(name: str) -> str:
    stem, dot, ext = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    plain = unicodedata.normalize("NFKD", stem.lower()).encode("ascii", "ignore").decode()
    stem = re.sub(r"-{2,}", "-", BAD_NAME.sub("-", plain)).strip("-") or "page"
    return f"{stem}{dot}{ext.lower()}"


def nesting_depth(text: str) -> tuple[int, int]:
    """The deepest list, quote or HTML nesting in a page, and the first line deeper than
    MAX_NESTING (0 when none is)."""
    deepest, where, html_depth = 0, 0, 0
    code_free = without_code(text).splitlines()
    for number, line in enumerate(text.splitlines(), 1):
        rest, depth = line.expandtabs(4), 0
        quote = QUOTE.match(rest)
        while quote:  # each ">" opens one level
            rest, depth = rest[quote.end() :].removeprefix(" "), depth + 1
            quote = QUOTE.match(rest)
        stripped = rest.lstrip(" ")
        if LIST_ITEM.match(stripped):  # Markdown nests a list four spaces further in
            depth += (len(rest) - len(stripped)) // 4 + 1
        for tag in HTML_TAG.finditer(code_free[number - 1] if number <= len(code_free) else ""):
            closing, name, self_closing = tag.groups()
            if name.lower() in VOID or self_closing:
                continue
            html_depth = max(0, html_depth - 1) if closing else html_depth + 1
            depth = max(depth, html_depth)
        if depth > MAX_NESTING and not where:
            where = number
        deepest = max(deepest, depth)
    return deepest, where


def check_page_text(text: str, file: str, size: int, facts=()) -> list[Finding]:
    if size > MAX_PAGE_BYTES:
        return [
            Finding(
                file,
                0,
                f"the page is {size // 1000} KB; a page may be at most {MAX_PAGE_BYTES // 1000} "
                "KB, because patients on phones cannot load or read more.",
                "split it into several pages, or move long tables and lists to a download.",
            )
        ]
    code = check_template_code(text, file, facts)
    if code:
        return code
    depth, line = nesting_depth(text)
    if depth > MAX_NESTING:
        return [
            Finding(
                file,
                line,
                f"lists, quotes or HTML boxes are nested more than {MAX_NESTING} levels deep from "
                f"here ({depth} at the deepest); at most "
                f"{MAX_NESTING} can be built.",
                "flatten the list: start a new list or a new section instead of indenting further.",
            )
        ]
    return []


def check_docs(docs: Path, facts=()) -> tuple[list[Finding], set[str]]:
    """Every refused file under docs/ (paths relative to docs/, as MkDocs names them), and
    the findings, stamped with this rule's name. `facts`: the names under mkdocs.yml `extra:`,
    the only variables a page's templates may use."""
    findings, refused = [], set()
    for folder, dirs, names in os.walk(docs, followlinks=False):
        base = Path(folder)
        for name in sorted(dirs + names):
            path = base / name
            rel = path.relative_to(docs).as_posix()
            if name == KEEP_FOLDER and path.is_file() and not path.stat().st_size:
                refused.add(rel)  # git's empty placeholder for a folder: never published, no harm
                continue
            problem = _refusal(rel, path, docs)
            if problem:
                # A refused file is named at its first line, so editors can open it (a folder: 0).
                line = 1 if path.is_file() else 0
                findings.append(Finding(f"docs/{rel}", line, *problem))
                refused.add(rel)
                if name in dirs:
                    dirs.remove(name)
                continue
            if name.endswith(".md") and path.is_file():
                data = path.read_bytes()
                text = data[: MAX_PAGE_BYTES + 1].decode("utf-8", "replace")
                page = check_page_text(text, f"docs/{rel}", len(data), facts)
                findings += page
                refused |= {rel} if page else set()
        dirs[:] = [d for d in dirs if not (base / d).is_symlink() or _inside(base / d, docs)]
    return [replace(f, rule=RULE) for f in findings], refused


def is_refused(src_uri: str, refused: set[str]) -> bool:
    """True for a refused file and for everything inside a refused folder."""
    return any(src_uri == r or src_uri.startswith(r + "/") for r in refused)
