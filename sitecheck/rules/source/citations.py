"""Citations: every `sources.md#anchor` link names a source in docs/snippets/sources.yml, and
each cited sentence can be put beside the finding of the source it cites.

    python -m sitecheck.rules.source.citations      (or ./run citations)   writes reports/citations.md

`check_citations` is the build rule (a plain function; no MkDocs). `load_sources` reads the
sources file and says which entry misses which field. The report pairs each cited sentence
with its source's finding, page by page, for the clinic's medical reviewer to sign off.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import without_code
from sitecheck.core.yaml_loader import SafeLoader
from sitecheck.rules.source.front_matter import FrontMatterError, read

SOURCES_FILE = "docs/snippets/sources.yml"
FIELDS = ("anchor", "group", "authors", "year", "title", "publisher", "link", "grade", "finding")
GRADES = ("A", "B")
# "sources.md#x" or "../sources.md#x", not "other-sources.md#x".
CITATION = re.compile(r"(?<![\w.-])sources\.md#(?P<anchor>[A-Za-z0-9_-]+)")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]*)\)(\{[^}]*\})?")


@dataclass(frozen=True)
class Source:
    anchor: str
    group: str
    authors: str
    year: str
    title: str
    publisher: str
    link: str
    grade: str
    finding: str
    line: int

    @property
    def short(self) -> str:
        return f"{self.authors}, {self.year}"


class SourcesError(Exception):
    """The sources file cannot be used; each finding names the line and the fix."""

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(str(f) for f in findings))
        self.findings = findings


def load_sources(text: str, file: str = SOURCES_FILE) -> list[Source]:
    """Every entry of the sources file, in order; raises SourcesError naming each bad entry."""
    try:
        root = yaml.compose(text, Loader=SafeLoader)
        data = yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise SourcesError(
            [
                Finding(
                    file,
                    mark.line + 1 if mark else 1,
                    f"the sources file is not valid YAML ({getattr(err, 'problem', err)}).",
                    "write each field as 'name: value'; put quotes around a value with a colon.",
                )
            ]
        ) from None
    entries = (data or {}).get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise SourcesError(
            [Finding(file, 1, "the file has no 'sources:' list.", "start it with 'sources:'.")]
        )
    nodes = next(v for k, v in root.value if k.value == "sources").value
    sources, findings, seen = [], [], {}
    for entry, node in zip(entries, nodes, strict=True):
        line = node.start_mark.line + 1
        entry = entry if isinstance(entry, dict) else {}
        name = entry.get("anchor") or f"at line {line}"
        missing = [f for f in FIELDS if not str(entry.get(f) or "").strip()]
        for field in missing:
            findings.append(
                Finding(
                    file,
                    line,
                    f"the source #{name} has no '{field}'.",
                    f"add '{field}: ...' to the entry (see the list of fields at the top).",
                )
            )
        grade = str(entry.get("grade") or "")
        if grade and grade not in GRADES:
            findings.append(
                Finding(
                    file,
                    line,
                    f"the source #{name} has the grade '{grade}'.",
                    "write 'grade: A' (regulator, government, peer-reviewed paper) or "
                    "'grade: B' (professional body or reputable secondary source).",
                )
            )
        anchor = str(entry.get("anchor") or "")
        if anchor in seen:
            findings.append(
                Finding(
                    file,
                    line,
                    f"the anchor #{anchor} is used twice (lines {seen[anchor]} and {line}).",
                    "give each source its own anchor.",
                )
            )
        seen.setdefault(anchor, line)
        if not missing:
            sources.append(Source(**{f: str(entry[f]).strip() for f in FIELDS}, line=line))
    if findings:
        raise SourcesError(findings)
    return sources


def slug(heading: str) -> str:
    """A heading's anchor, as Python-Markdown's toc makes it ("Regulators and courts")."""
    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", text).strip().lower())


def known_anchors(sources: list[Source], sources_page: str = "") -> set[str]:
    """What pages may link to on the sources page: each source, each group and each heading."""
    headings = re.findall(r"(?m)^#{1,6}\s+(.+?)\s*#*\s*$", without_code(sources_page))
    return {s.anchor for s in sources} | {slug(s.group) for s in sources} | set(map(slug, headings))


def citations(raw: str) -> list[tuple[int, int, str]]:
    """(line, column, anchor) of every citation in a page, outside code and comments."""
    text = without_code(raw)
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in CITATION.finditer(line):
            found.append((number, match.start(), match["anchor"]))
    return found


def check_citations(raw: str, file: str, known_anchors) -> list[Finding]:
    """A citation of a source the sources file does not have: file, line and the fix."""
    known = sorted(known_anchors)
    findings = []
    for line, _, anchor in citations(raw):
        if anchor in known:
            continue
        close = difflib.get_close_matches(anchor, known, n=1)
        hint = f"did you mean #{close[0]}? Otherwise " if close else ""
        findings.append(
            Finding(
                file,
                line,
                f"the citation 'sources.md#{anchor}' names a source that is not in {SOURCES_FILE}.",
                f"{hint}add the source to {SOURCES_FILE} with 'anchor: {anchor}', or link to "
                "one of the anchors listed there.",
                rule="citations",
            )
        )
    return findings


# --- the review report -------------------------------------------------------------------


def plain(markdown: str) -> str:
    """A sentence as the patient reads it: links as their text, no emphasis or list marks."""
    text = LINK.sub(lambda m: m["text"], markdown)
    text = re.sub(r"\*\*|__|(?<!\w)[*_](?!\s)|(?<!\s)[*_](?!\w)", "", text)
    text = re.sub(r"^\s*(?:[-*+]|\d+\.|!!!|\?\?\?)\s*", "", text)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(text.split()).strip(" |")


CITE_LINK = re.compile(r"\[[^\]]*\]\((?:\.\./)*sources\.md#(?P<anchor>[A-Za-z0-9_-]+)\)")


def cited_text(span: str) -> str:
    """What a citation supports: the text since the previous citation, as the patient reads it."""
    text = re.sub(r"^[\s).,;:]+", "", span.rsplit("|", 1)[-1])  # in a table: its own cell
    text = re.sub(r"[\s(;,:]+$", "", text)
    return plain(text)


def paragraphs(raw: str) -> list[tuple[int, str]]:
    """(first line, text) of each block of the page: a paragraph, a list item or a table row."""
    blocks, start, lines = [], 0, []
    item = re.compile(r"^\s*(\||[-*+]\s|\d+\.\s|!!!|\?\?\?|#)")
    for number, line in enumerate(without_code(raw).split("\n"), start=1):
        if lines and (not line.strip() or item.match(line)):
            blocks.append((start, " ".join(lines)))
            lines = []
        if line.strip():
            if not lines:
                start = number
            lines.append(line.strip())
    if lines:
        blocks.append((start, " ".join(lines)))
    return blocks


@dataclass(frozen=True)
class Pair:
    line: int
    sentence: str
    source: Source | None
    anchor: str


def pairs(raw: str, sources: dict[str, Source]) -> list[Pair]:
    """Each citation with the text it supports. Citations side by side share one text."""
    found = []
    for line, block in paragraphs(raw):
        last_end, text = 0, ""
        for match in CITE_LINK.finditer(block):
            span = cited_text(block[last_end : match.start()])
            if re.search(r"[A-Za-z]{2}", span):
                text = span
            last_end = match.end()
            found.append(Pair(line, text, sources.get(match["anchor"]), match["anchor"]))
    return found


def cell(text: str) -> str:
    return text.replace("|", "\\|") or "(no sentence before the citation: check the context)"


def page_title(raw: str, file: str) -> str:
    try:
        data, _ = read(raw, file)
    except FrontMatterError:
        data = None
    return str((data or {}).get("title") or file)


def review_report(project: Path, today: dt.date) -> str:
    docs = project / "docs"
    sources = {
        s.anchor: s for s in load_sources((project / SOURCES_FILE).read_text(encoding="utf-8"))
    }
    out = [
        "# Citation review",
        "",
        f"Written by `./run citations` on {today}. For the clinic's medical reviewer: each row is "
        "a sentence a page states, beside what the cited source found. Tick the last column "
        "when the finding supports the sentence; otherwise note what to change. The findings "
        f"come from `{SOURCES_FILE}`.",
        "",
    ]
    total = 0
    for path in sorted(docs.glob("*.md")):
        file = f"docs/{path.name}"
        raw = path.read_text(encoding="utf-8")
        found = pairs(raw, sources)
        if not found or path.name == "sources.md":
            continue
        total += len(found)
        out += [
            f"## {page_title(raw, file)} (`{file}`)",
            "",
            "| Line | The page says | Source (grade) | What the source found | Supported? |",
            "| ---: | --- | --- | --- | --- |",
        ]
        for pair in found:
            if pair.source:
                source = f"{pair.source.short} (Grade {pair.source.grade}) `#{pair.anchor}`"
                finding = pair.source.finding
            else:
                source, finding = f"`#{pair.anchor}`", "UNKNOWN SOURCE: not in the sources file"
            out.append(
                f"| {pair.line} | {cell(pair.sentence)} | {cell(source)} | {cell(finding)} | [ ] |"
            )
        out.append("")
    out.append(f"{total} cited sentences. Reviewer: ____________  Date: ____________")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    project = Path.cwd()
    try:
        text = review_report(project, dt.date.today())
    except SourcesError as err:
        for finding in err.findings:
            print(finding, file=sys.stderr)
        return 1
    unknown = []
    known = known_anchors(
        load_sources((project / SOURCES_FILE).read_text(encoding="utf-8")),
        (project / "docs" / "sources.md").read_text(encoding="utf-8"),
    )
    for path in sorted((project / "docs").glob("*.md")):
        unknown += check_citations(path.read_text(encoding="utf-8"), f"docs/{path.name}", known)
    (project / "reports").mkdir(exist_ok=True)
    (project / "reports" / "citations.md").write_text(text, encoding="utf-8")
    for finding in unknown:
        print(finding, file=sys.stderr)
    print(f"{text.splitlines()[-1].split('.')[0]}; written to reports/citations.md")
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
