"""Read mkdocs.yml and every page as bytes before MkDocs does, and say what an editor broke.

MkDocs answers a file saved in the wrong encoding, a Word paste or a mis-indented line with a
Python traceback, often naming another file. This reads the files first (encoding, byte-order
mark, Windows line endings, invisible characters, curly quotes, tabs, YAML structure, the menu,
the clinic's facts, the page's `{{ }}`) and gives one message per problem: file, line, what, fix.

Called by the entry points (`python -m sitecheck.drivers.build`, `preview/`) before MkDocs reads
mkdocs.yml, and by the hook's `on_config` for the pages, so no page is rendered with a fault.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import replace
from pathlib import Path

import jinja2
import yaml

from sitecheck.core.config import FACTS_FILE, FACTS_KEYS, ConfigLoader, with_facts
from sitecheck.core.finding import NOTICE, Finding
from sitecheck.core.markdown_source import front_matter_end
from sitecheck.core.yaml_keys import duplicate_keys
from sitecheck.core.yaml_loader import SafeLoader
from sitecheck.rules.facts import own_hosts, price_sense, template_facts
from sitecheck.rules.facts.clinic_facts import check_facts
from sitecheck.rules.project import (
    config_allowlist,
    config_whole,
    data_text,
    developer_files,
    project_files,
    scripts,
    stylesheets,
)
from sitecheck.rules.source import front_matter_fields, medical_review, template_code
from sitecheck.rules.source.front_matter import FrontMatterError
from sitecheck.rules.source.front_matter import read as read_front_matter

RULE = "preflight"
CONFIG = "mkdocs.yml"
# MkDocs 1.6's own settings (mkdocs.config.defaults.MkDocsConfig); anything else is a typo.
MKDOCS_KEYS = frozenset(
    [
        "copyright",
        "dev_addr",
        "docs_dir",
        "draft_docs",
        "edit_uri",
        "edit_uri_template",
        "exclude_docs",
        "extra",
        "extra_css",
        "extra_javascript",
        "extra_templates",
        "google_analytics",
        "hooks",
        "markdown_extensions",
        "nav",
        "not_in_nav",
        "plugins",
        "remote_branch",
        "remote_name",
        "repo_name",
        "repo_url",
        "site_author",
        "site_description",
        "site_dir",
        "site_name",
        "site_url",
        "strict",
        "theme",
        "use_directory_urls",
        "validation",
        "watch",
        "INHERIT",
    ]
)
INVISIBLE = {
    "\u00a0": "a non-breaking space, which looks like a space",
    "\u202f": "a narrow non-breaking space, which looks like a space",
    "\u2007": "a figure space, which looks like a space",
    "\u3000": "a wide space, which looks like a space",
    "\u200b": "a zero-width space, which is invisible",
    "\u200c": "a zero-width non-joiner, which is invisible",
    "\u200d": "a zero-width joiner, which is invisible",
    "\u2060": "a word joiner, which is invisible",
    "\ufeff": "a byte-order mark, which is invisible",
    "\u00ad": "a soft hyphen, which is invisible",
    "\u2028": "a line separator, which looks like a line break",
    "\u2029": "a paragraph separator, which looks like a line break",
    # Direction marks reorder the text around them as shown ("$1650" can read "$0561"); the
    # site's languages run left to right, so none is ever needed.
    **{
        c: "an invisible direction mark, which reverses or reorders the text shown around it"
        for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    },
}
ANY_INVISIBLE = re.compile(f"[{''.join(INVISIBLE)}]")
# Written as escapes: the look-alikes are the point, and must stay unambiguous in the source.
CURLY = "\u201c\u201d\u201e\u2018\u2019\u201a\u00ab\u00bb"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
SAVE_UTF8 = (
    "save the file as 'UTF-8' (VS Code: click the encoding at the bottom right, 'Save with "
    "Encoding', 'UTF-8'; Notepad: 'Save as', Encoding 'UTF-8')."
)


def finding(file: str, line: int, what: str, fix: str) -> Finding:
    return Finding(file, line, what, fix, RULE)


# -- bytes to text -------------------------------------------------------------------------------


def decode(data: bytes, file: str) -> tuple[str | None, list[Finding]]:
    """The text of a file saved as UTF-8, or None and why not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and b"\x00" in data[:200]):
        return None, [
            finding(file, 1, "the file is saved as UTF-16 ('Unicode'), not UTF-8.", SAVE_UTF8)
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [
            finding(
                file,
                1,
                "the file starts with an invisible byte-order mark (BOM), which some tools "
                "read as text.",
                "save it as 'UTF-8' without BOM (VS Code: 'Save with Encoding', 'UTF-8'; "
                "Notepad++: Encoding → 'UTF-8').",
            )
        ]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        guess = data[err.start : err.start + 1].decode("cp1252", errors="replace")
        return None, [
            finding(
                file,
                line,
                f"the file is not saved as UTF-8 (at line {line} there is a character, probably "
                f"'{guess}', in the older Windows/Latin-1 encoding).",
                SAVE_UTF8,
            )
        ]


# -- characters an editor cannot see -------------------------------------------------------------


def line_endings(text: str, file: str) -> list[Finding]:
    if "\r" not in text:
        return []
    line = text[: text.index("\r")].count("\n") + 1
    return [
        finding(
            file,
            line,
            "the file has Windows line endings (CRLF).",
            "save it with 'LF' line endings (VS Code: click 'CRLF' at the bottom right and choose "
            "'LF'; Notepad++: Edit → EOL Conversion → Unix (LF)).",
        )
    ]


def invisible(text: str, file: str, first_line: int = 1) -> list[Finding]:
    """Each invisible or look-alike character, named, with its line and column."""
    out = []
    if not ANY_INVISIBLE.search(text):  # most files: one scan in C, not a loop per character
        return out
    for number, line in enumerate(text.split("\n"), start=first_line):
        for column, char in enumerate(line, start=1):
            if char in INVISIBLE:
                before, after = line[: column - 1].strip()[-12:], line[column:].strip()[:12]
                spot = f', between "{before}" and "{after}"' if before and after else ""
                space = "space" in INVISIBLE[char] and "zero" not in INVISIBLE[char]
                fix = (
                    "delete it and type an ordinary space."
                    if space
                    else "delete it: put the cursor just after it and press Backspace once."
                )
                out.append(
                    finding(
                        file,
                        number,
                        f"column {column} has {INVISIBLE[char]}{spot} (usually pasted from Word "
                        "or a web page).",
                        fix,
                    )
                )
                break  # one per line: the fix of the first shows the way for the rest
    return out


def yaml_lines(text: str, file: str, first_line: int = 1) -> list[Finding]:
    """Tabs and curly quotes where YAML reads the structure: mkdocs.yml and front matter."""
    out = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        indent = re.match(r"[ \t]*", line).group(0)
        if "\t" in indent:
            out.append(
                finding(
                    file,
                    number,
                    f"the line starts with a tab character (column {indent.index(chr(9)) + 1}); "
                    "YAML needs spaces.",
                    "delete the tab and indent with spaces, as many as the lines around it.",
                )
            )
            continue
        value = re.match(r"\s*(?:-\s+)?([\w-]+):\s+([" + CURLY + "])", line)
        if value and not line.lstrip().startswith("#"):
            out.append(
                finding(
                    file,
                    number,
                    f"the value of '{value.group(1)}' starts with a curly quote {value.group(2)} "
                    "(Word's kind), which YAML does not read as a quote.",
                    'replace the curly quotes with straight ones: "like this" (type them in the '
                    "text editor, not in Word).",
                )
            )
    return out


# -- YAML ----------------------------------------------------------------------------------------


def unclosed_quote(text: str, index: int) -> int | None:
    """The line (0-based, at or before `index`) whose value opens a double quote it never closes."""
    lines = text.split("\n")
    for i in range(min(index, len(lines) - 1), max(index - 3, -1), -1):
        value = re.match(r'\s*(?:-\s+)?[\w-]+:\s+(".*)$', lines[i])
        if value and not re.fullmatch(r'"(?:[^"\\]|\\.)*"\s*(#.*)?', value.group(1)):
            return i
    return None


def odd_indent(text: str, index: int) -> int:
    """YAML notices a mis-indented line one line late: of the line it stopped on and the one
    before, the culprit is the one whose indentation its neighbours do not share."""
    lines = text.split("\n")

    def indent(i: int) -> int:
        return len(lines[i]) - len(lines[i].lstrip(" "))

    def content(i: int) -> bool:
        return (
            0 <= i < len(lines) and bool(lines[i].strip()) and not lines[i].lstrip().startswith("#")
        )

    before = next((i for i in range(index - 1, -1, -1) if content(i)), None)
    candidates = [i for i in (before, index) if i is not None and content(i)]
    if not candidates:
        return index

    def shared(i: int) -> int:
        near = [j for j in range(i - 6, i + 7) if j != i and content(j)]
        return sum(indent(j) == indent(i) for j in near)

    return min(reversed(candidates), key=shared)


def yaml_error(err: yaml.YAMLError, file: str, first_line: int = 1, text: str = "") -> Finding:
    """A YAML parse error in the editor's words, at the line YAML stopped on."""
    mark = getattr(err, "problem_mark", None)
    line = mark.line + first_line if mark else first_line
    opened = unclosed_quote(text, line - first_line) if text else None
    if opened is not None:
        return finding(
            file,
            opened + first_line,
            'a quote (") is opened on this line but never closed.',
            'close it at the end of the value: phone: "+1 555-0134".',
        )
    problem = (getattr(err, "problem", None) or str(err)).strip()
    context = (getattr(err, "context", None) or "").strip()
    if "mapping values are not allowed" in problem:
        what = (
            "a colon (:) where YAML does not expect one: the line is indented differently from "
            "the one above, or a value contains ': ' without quotes."
        )
        fix = (
            "indent the line like its neighbours (same number of spaces), or put the whole value "
            'in straight double quotes: title: "Aftercare: what to do".'
        )
    elif "could not find expected ':'" in problem or "quoted scalar" in context:
        what = "a line is not 'name: value': a colon is missing, or a quote (\") is never closed."
        fix = "write the line as 'name: value' and close every quote on the same line."
    elif any(
        s in problem
        for s in ("expected <block end>", "expected key", "'-' indicator", "expected '<document")
    ):
        line = odd_indent(text, line - first_line) + first_line if text else line
        what = "this line is indented differently from the lines around it."
        fix = (
            "line it up with the entries at the same level, using spaces only (menu entries "
            "under a section: 6 spaces, then '- ')."
        )
    else:
        what = f"YAML cannot read the file here ({problem})."
        fix = "compare the line with the ones around it: same indentation, 'name: value'."
    return finding(file, line, what, fix)


def written_twice(repeated, file: str) -> list[Finding]:
    """One finding per setting written twice in mkdocs.yml (yaml_keys.duplicate_keys)."""
    return [
        finding(
            file,
            again,
            f"the setting '{key}' is written twice (lines {first} and {again}); only the last "
            "one would be used.",
            f"keep one '{key}:' and move what the other one held under it.",
        )
        for key, first, again in repeated
    ]


def parse_yaml(text: str, file: str):
    """(data, findings) of mkdocs.yml; data is None when it cannot be read."""
    try:
        data = yaml.load(text, Loader=ConfigLoader)
        repeated = duplicate_keys(text)
    except yaml.YAMLError as err:
        return None, [yaml_error(err, file, text=text)]
    out = written_twice(repeated, file)
    return data if isinstance(data, dict) else {}, out


# -- mkdocs.yml ----------------------------------------------------------------------------------


def typos(text: str, file: str) -> list[Finding]:
    """Settings written twice, and top-level settings MkDocs does not know (with a "did you
    mean"), read without building anything (any tag is left as it is)."""
    try:
        root = yaml.compose(text, Loader=SafeLoader)
        repeated = duplicate_keys(text)
    except yaml.YAMLError:
        return []
    out = written_twice(repeated, file)
    for key, _ in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value not in MKDOCS_KEYS:
            close = difflib.get_close_matches(str(key.value), sorted(MKDOCS_KEYS), n=1, cutoff=0.6)
            if close:
                out.append(
                    finding(
                        file,
                        key.start_mark.line + 1,
                        f"'{key.value}' is not a setting MkDocs knows. Did you mean '{close[0]}'?",
                        f"correct the spelling to {close[0]}.",
                    )
                )
    return out


def check_config(project: Path, file: str = CONFIG) -> tuple[dict | None, list[Finding]]:
    """mkdocs.yml as data (None when unreadable) and every problem in it."""
    path = project / file
    if not path.is_file():
        return None, [
            finding(file, 0, "mkdocs.yml is missing.", "run the command in the project folder.")
        ]
    text, found = decode(path.read_bytes(), file)
    if text is None:
        return None, found
    found = line_endings(text, file) + invisible(text, file) + yaml_lines(text, file)
    if found:  # the cause of any YAML error below: say only this
        return None, found
    # Before anything else reads it: nothing of it is used until the developers' allow-list
    # holds every setting (tags, hooks, plugins, extensions, scripts, theme …).
    pinned = config_allowlist.check(text, file)
    if pinned:  # a misspelt or repeated setting explains the difference in the editor's words
        explained = (
            []
            if pinned[0].rule == config_allowlist.RULE and "anchor" in pinned[0].what
            else typos(text, file)
        )
        return None, explained or pinned
    data, found = parse_yaml(text, file)
    if data is None:
        return None, found
    from sitecheck.rules.facts.clinic_facts import node_lines

    lines = node_lines(text)
    for key in data:
        if key not in MKDOCS_KEYS:
            close = difflib.get_close_matches(str(key), sorted(MKDOCS_KEYS), n=1, cutoff=0.6)
            found.append(
                finding(
                    file,
                    lines.get((key,), (1, None))[0],
                    f"'{key}' is not a setting MkDocs knows."
                    + (f" Did you mean '{close[0]}'?" if close else ""),
                    f"correct the spelling{f' to {close[0]}' if close else ''}, or delete it "
                    "(with the lines indented under it).",
                )
            )
    found += menu(data, lines, project / str(data.get("docs_dir") or "docs"), file)
    facts, facts_found = check_facts_file(project)
    found += facts_found
    if facts is not None:  # its links and e-mail on the clinic's own domain (site_url's)
        found += own_hosts.check(project, data.get("site_url"))
        # Doses, contraindications: a reviewed fact changed stops here; a placeholder answered
        # is a notice that ./run deploy lists and refuses (medical_review.refusals).
        found += [f for f in medical_review.check_facts(project) if f.severity != NOTICE]
        found += [f for f in medical_review.check_scripts(project) if f.severity != NOTICE]
        found += price_sense.check(
            (project / FACTS_FILE).read_text(encoding="utf-8"),
            facts,
            (data.get("extra") or {}).get("reference_prices"),
        )
    return (with_facts(data, facts) if facts is not None else data), found


def check_facts_file(project: Path, file: str = FACTS_FILE) -> tuple[dict | None, list[Finding]]:
    """clinic.yml, the editors' facts file: read as plain data (safe loader, no tags, no
    anchors), every fact checked as before (facts.yml), with its own file:line."""
    path = project / file
    if not path.is_file():
        return None, [
            finding(
                file,
                0,
                "clinic.yml, the file of the clinic's facts, is missing.",
                "restore clinic.yml from the last working version (git checkout clinic.yml).",
            )
        ]
    text, found = decode(path.read_bytes(), file)
    if text is None:
        return None, found
    found = line_endings(text, file) + invisible(text, file) + yaml_lines(text, file)
    if found:
        return None, found
    found = config_allowlist.aliases(text, file)
    if found:
        return None, [replace(f, rule=RULE) for f in found]
    try:
        data = yaml.load(text, Loader=SafeLoader)
        repeated = duplicate_keys(text)
    except yaml.constructor.ConstructorError as err:
        mark = err.problem_mark
        return None, [
            finding(
                file,
                mark.line + 1 if mark else 1,
                f"clinic.yml holds a YAML tag ({(err.problem or '').split()[-1] if err.problem else ''}); "
                "the facts file is plain text and numbers only.",
                "delete the tag (the word starting with '!') and write the value itself.",
            )
        ]
    except yaml.YAMLError as err:
        return None, [yaml_error(err, file, text=text)]
    found = [
        finding(
            file,
            again,
            f"the fact '{key}' is written twice (lines {first} and {again}); only the last "
            "one would be used.",
            f"keep one '{key}:' and move what the other one held under it.",
        )
        for key, first, again in repeated
    ]
    if not isinstance(data, dict):
        data = {}
    from sitecheck.rules.facts.clinic_facts import node_lines

    lines = node_lines(text)
    for key in data:
        if key not in FACTS_KEYS:
            close = difflib.get_close_matches(str(key), FACTS_KEYS, n=1, cutoff=0.6)
            found.append(
                finding(
                    file,
                    lines.get((key,), (1, None))[0],
                    f"'{key}' is not a fact the site knows (clinic.yml holds "
                    f"{' and '.join(FACTS_KEYS)})."
                    + (f" Did you mean '{close[0]}'?" if close else ""),
                    "correct the spelling, or indent it under 'clinic:' if it is one of the "
                    "clinic's facts.",
                )
            )
    found += markup_in_facts(lines, file)
    found += check_facts({"extra": data}, text, file, prefix=("extra",))
    return data, found


# The theme and the pages print facts into HTML, some inside attributes (tel:, mailto:, href):
# a fact is words, numbers and addresses, never markup, quotes or templates.
FACT_MARKUP = re.compile(r'[<>"`\\]|\{[{%#]|[\u202a-\u202e\u2066-\u2069]')


def markup_in_facts(lines: dict, file: str) -> list[Finding]:
    out = []
    for path, (line, raw) in sorted(lines.items(), key=lambda item: item[1][0]):
        if isinstance(raw, str) and (bad := FACT_MARKUP.search(raw)):
            name = ".".join(str(p) for p in path)
            out.append(
                finding(
                    file,
                    line,
                    f"the fact '{name}' contains '{bad.group(0)}', which the pages would print as "
                    "code or markup (a fact is words, numbers and addresses).",
                    "write it in plain words, without < > \" ` \\ or {{ }}; use 'and' for &, "
                    "single quotes (') for a quotation.",
                )
            )
    return out


def menu(data: dict, lines: dict, docs: Path, file: str) -> list[Finding]:
    """Every menu entry names a page that exists (MkDocs only warns, and the page vanishes),
    and names it once (MkDocs shows a page listed twice twice in the menu, silently)."""
    out = []
    listed: list[tuple[int, str]] = []  # (line, page) of every entry that names a page
    stack = [(("nav",), data.get("nav") or [])]
    pages = (
        sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs.is_dir() else []
    )
    while stack:
        path, node = stack.pop()
        if isinstance(node, list):
            stack += [((*path, i), item) for i, item in enumerate(node)]
        elif isinstance(node, dict):
            for title in node:
                if not isinstance(title, str) or re.search(
                    r"[<>&`]|\{[{%]|[\u202a-\u202e\u2066-\u2069]", title
                ):
                    out.append(
                        finding(
                            file,
                            lines.get((*path, title), (1, None))[0],
                            f"the menu (nav) title '{title}' holds code or markup (<, >, &, "
                            "{{ or a direction mark); menu titles are plain text.",
                            "write the title in plain words, e.g. '- Aftercare: aftercare.md'.",
                        )
                    )
            stack += [((*path, k), v) for k, v in node.items()]
        elif isinstance(node, str) and (re.match(r"\s*[a-zA-Z][\w+.-]*:|\s*//|\s*/", node)):
            out.append(
                finding(
                    file,
                    lines.get(path, lines.get(path[:-1], (1, None)))[0],
                    f"the menu (nav) entry '{node}' is an address, not one of the site's pages; "
                    "the menu leads only to the site's own pages.",
                    "name a page in docs/ (e.g. 'contact.md'); put a link to another website "
                    "in a page's text instead.",
                )
            )
        elif isinstance(node, str):
            line = lines.get(path, lines.get(path[:-1], (1, None)))[0]
            if node in pages:
                listed.append((line, node))
                continue
            close = difflib.get_close_matches(node, pages, n=1, cutoff=0.6)
            out.append(
                finding(
                    file,
                    line,
                    f"the menu (nav) lists '{node}', but there is no file docs/{node}."
                    + (f" Did you mean '{close[0]}'?" if close else ""),
                    "correct the file name (lower case, with .md) or create the page from "
                    "templates/new-page.md.",
                )
            )
        elif node is None:
            line = lines.get(path, (1, None))[0]
            out.append(
                finding(
                    file,
                    line,
                    "a menu (nav) entry has a title but no page after its colon.",
                    "write the page after the colon, e.g. '- Aftercare: aftercare.md'.",
                )
            )
    first: dict[str, int] = {}
    for line, page in sorted(listed):
        if page in first:
            out.append(
                finding(
                    file,
                    line,
                    f"the menu (nav) lists '{page}' a second time (it is already at line "
                    f"{first[page]}), so patients would see it twice in the menu.",
                    "delete one of the two lines.",
                )
            )
        first.setdefault(page, line)
    return out


# -- pages ---------------------------------------------------------------------------------------


def check_page(
    data: bytes,
    file: str,
    clinic: dict | None = None,
    *,
    page: bool = True,
    names=None,
    folders: dict[Path, str] | None = None,
):
    """Every problem in one Markdown file's bytes; `page=False` for snippets (no front matter).
    `names`: the variables a page's templates may use (mkdocs.yml `extra:`); `folders`: where
    its `--8<--` snippets are read from."""
    text, found = decode(data, file)
    if text is None:
        return found
    found = line_endings(text, file)
    if found:
        return found
    lines = text.split("\n")
    first = lines[0].strip() if lines else ""
    if page and not text.strip():
        return [
            finding(
                file,
                1,
                "the page is empty.",
                "copy templates/new-page.md into it and write the page, or delete the file and "
                "its line under nav: in mkdocs.yml.",
            )
        ]
    if page and first and set(first) <= set(DASHES) and first != "---":
        return [dashes(file, 1, first)]
    end = front_matter_end(lines) if page else 0
    if page and first == "---" and not end:
        for number, line in enumerate(lines[1:], start=2):
            if line.strip() and set(line.strip()) <= set(DASHES):
                return [dashes(file, number, line.strip())]
    found += yaml_lines("\n".join(lines[1:end]), file, 2) if end else []
    found += invisible(text, file)
    if found:
        return found
    if page:
        try:
            fields, field_lines = read_front_matter(text, file)
        except FrontMatterError as err:
            return [err.finding]
        if bad_fields := front_matter_fields.check(fields, field_lines, file):
            return [replace(f, rule=RULE) for f in bad_fields]
        body = "\n".join(lines[end + 1 :]) if end else text
        if end and not body.strip():
            return [
                finding(
                    file,
                    end + 1,
                    "the page has its front matter but no text below it.",
                    "write the page below the second '---' line, starting with '# ' and its title.",
                )
            ]
    return template(text, file, clinic, names if page else None) + snippets(text, file, folders)


def dashes(file: str, line: int, typed: str) -> Finding:
    return finding(
        file,
        line,
        f"the line '{typed}' should be three hyphens '---'; it has long dashes (Word turns "
        "'---' into a dash).",
        "type three hyphens (the minus key) on the line: ---",
    )


def unclosed_braces(text: str, reported: int) -> int:
    """Jinja notices an unclosed `{{` where the text ends up; the editor wants where it opened."""
    lines = text.split("\n")[:reported]
    for number in range(len(lines), 0, -1):
        line = lines[number - 1]
        if line.count("{{") > line.count("}}") or line.count("{%") > line.count("%}"):
            return number
    return reported


def template(text: str, file: str, clinic: dict | None, names=None) -> list[Finding]:
    """`{{ }}` that the page's macros cannot read, code outside template_code's allow-list (when
    `names`, the variables a page may use, are given: pages, not snippets), and `{{ }}` that
    name a clinic fact mkdocs.yml does not have or print a whole group (template_facts)."""
    try:
        tree = template_code.parse(text)
    except jinja2.TemplateSyntaxError as err:
        is_word = IS_WORD.search(text.split("\n")[(err.lineno or 1) - 1])
        if is_word and err.message == "expected token 'name', got 'string'":
            fact, word = is_word.group("fact"), is_word.group("word")
            no = word.strip("\"'").strip().lower() in template_facts.NO_WORDS
            return [
                finding(
                    file,
                    err.lineno,
                    f"'is {word}' compares with a word in quotes, which 'is' cannot do: it only "
                    "checks what kind of value something is.",
                    f"for a true/false fact write {{% if {'not ' if no else ''}{fact} %}}; to "
                    "compare with a word, write == and the word in quotes.",
                )
            ]
        return [
            finding(
                file,
                unclosed_braces(text, err.lineno or 1),
                f"a '{{{{ … }}}}' or '{{% … %}}' is not closed or not valid ({err.message}).",
                "close it on the same line, e.g. {{ clinic.phone }}; to show braces as text, "
                "write {% raw %}{{ }}{% endraw %}.",
            )
        ]
    if names is not None and (refused := template_code.check_template_code(text, file, names)):
        return [replace(f, rule=RULE) for f in refused]  # stopped here, before any page renders
    if clinic is None:
        return []
    return template_facts.check(tree, file, clinic, finding)


# `{% if clinic.methods_offered.prp is "no" %}`: Jinja's `is` takes a test's name, not a word.
IS_WORD = re.compile(r"""(?P<fact>[\w.\[\]]+)\s+is\s+(?:not\s+)?(?P<word>"[^"]*"|'[^']*')""")
SNIPPET = re.compile(r"""^[ \t]*-+8<-+[ \t]+(["'])(.+?)\1[ \t]*$""", re.MULTILINE)


def snippet_folders(project: Path, config: dict) -> dict[Path, str] | None:
    """The folders pymdownx.snippets reads `--8<-- "file"` from, each with its name as the
    editor sees it (docs/snippets); None when the extension is off."""
    for entry in config.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name == "pymdownx.snippets":
            bases = (options or {}).get("base_path", ["."])
            bases = [bases] if isinstance(bases, str) else bases
            return {project / b: Path(b).as_posix().strip("/") or "." for b in bases}
    return None


MAX_EXPANDED = 1_000_000


def expanded_size(path: Path, folders: dict[Path, str], memo: dict, depth: int = 0) -> int:
    """The bytes of a snippet once every `--8<--` in it is filled in, counted without filling
    them in (each file once), and stopping as soon as the limit is passed."""
    if path in memo:
        return memo[path]
    memo[path] = MAX_EXPANDED + 1  # a file that includes itself: counted as too big
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0
    size = len(text)
    for match in SNIPPET.finditer(text):
        if size > MAX_EXPANDED or depth > 20:
            break
        name = re.sub(r"(:-?\d+){1,2}$|:[\w-]+$", "", match.group(2))
        inner = next((f / name for f in folders if (f / name).is_file()), None)
        if inner is not None and any(inner.resolve().is_relative_to(f.resolve()) for f in folders):
            size += expanded_size(inner, folders, memo, depth + 1)
    memo[path] = size
    return size


def snippets(text: str, file: str, folders: dict[Path, str] | None) -> list[Finding]:
    """`--8<-- "file.md"` naming a file that does not exist: pymdownx.snippets stops MkDocs with
    a traceback naming neither the page nor its line."""
    if not folders or "8<-" not in text:
        return []
    out = []
    for match in SNIPPET.finditer(text):
        name = match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        outside = "://" in name or name.startswith(("/", "\\")) or ":" in name.split("/")[0][1:2]
        plain_name = re.sub(r"(:-?\d+){1,2}$|:[\w-]+$", "", name)
        if outside or any(
            not (folder / plain_name).resolve().is_relative_to(folder.resolve())
            for folder in folders
        ):
            where = " or ".join(f"{shown}/" for shown in folders.values())
            out.append(
                finding(
                    file,
                    line,
                    f"the page includes '{name}' (--8<--), which is not a file inside {where}: "
                    "the build reads nothing outside the project's snippets folder and downloads "
                    "nothing.",
                    f"put the text in a file in {where} and write only its name after --8<--, "
                    'e.g. --8<-- "glossary.md".',
                )
            )
            continue
        plain = re.sub(r"(:-?\d+){1,2}$|:[\w-]+$", "", name)  # file.md:3:5, file.md:section
        found_at = next(
            (folder / n for folder in folders for n in (name, plain) if (folder / n).is_file()),
            None,
        )
        if found_at is not None:
            size = expanded_size(found_at, folders, {})
            if size > MAX_EXPANDED and not any("includes other snippets" in f.what for f in out):
                out.append(
                    finding(
                        file,
                        text.count("\n", 0, match.start()) + 1,
                        f"the snippet '{name}' (--8<--) includes other snippets that include "
                        f"others, {size // 1000:,} KB or more in all once filled in (at most "
                        f"{MAX_EXPANDED // 1000:,} KB): the build would take minutes or fail.",
                        "include each piece once, directly; a snippet should not include "
                        "other snippets more than a few times.",
                    )
                )
            continue
        known = sorted(
            p.relative_to(folder).as_posix()
            for folder in folders
            if folder.is_dir()
            for p in folder.rglob("*")
            if p.is_file()
        )
        same_kind = [k for k in known if Path(k).suffix == Path(plain).suffix]
        close = difflib.get_close_matches(plain, same_kind, n=1, cutoff=0.6)
        where = " or ".join(f"{shown}/" for shown in folders.values())
        out.append(
            finding(
                file,
                text.count("\n", 0, match.start()) + 1,
                f"the page includes the snippet '{name}' (--8<--), but there is no such file in "
                f"{where}." + (f" Did you mean '{close[0]}'?" if close else ""),
                "correct the file name in the quotes after --8<-- (the snippets there: "
                f"{', '.join(known) or 'none'}), or remove the line.",
            )
        )
    return out


def check_docs(project: Path, config: dict, names=None) -> list[Finding]:
    """Every Markdown file under docs/; snippets are pieces of pages, without front matter.
    `names`: the variables pages may use, when not those of `config` (whose facts are left out
    while they are wrong)."""
    docs = project / str(config.get("docs_dir") or "docs")
    extra = config.get("extra") or {}
    clinic = extra.get("clinic") or None
    names = {*extra} if names is None else names
    folders = snippet_folders(project, config)
    out = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        is_page = not rel.startswith("snippets/")
        out += check_page(
            path.read_bytes(), f"docs/{rel}", clinic, page=is_page, names=names, folders=folders
        )
    return out


# Set by `./run build` (drivers/build.py) for the MkDocs it starts, once this check has passed
# on the same project: the hook then does not read every file a second time.
CHECKED = "SITECHECK_PREFLIGHT_PASSED"


def checked_before(project: Path) -> bool:
    return os.environ.get(CHECKED) == str(project.resolve())


def check_project(project: Path) -> list[Finding]:
    """mkdocs.yml first; the pages only when it can be read (their checks need its facts).
    Before both: only allow-listed files at the top and in overrides/ (code could hide there)."""
    misplaced = project_files.check(project) + project_files.theme_addresses(project)
    if misplaced := misplaced + developer_files.check(project):
        return misplaced
    # The theme's and the pages' CSS and JavaScript: nothing loaded from elsewhere or sent away,
    # no text that no page holds.
    if loads := stylesheets.check(project) + scripts.check(project) + data_text.check(project):
        return loads
    if whole := config_whole.check(project):  # emptied or cut short: the one cause
        return whole
    config, found = check_config(project)
    if config is None:
        return found
    names = {*(config.get("extra") or {}), *FACTS_KEYS}  # even while clinic.yml is unreadable
    if any(f.rule == "clinic-facts" for f in found):  # pages' {{ clinic.x }} follow once fixed
        config = {**config, "extra": {}}
    return sorted(set(found + check_docs(project, config, names)))


def stop_message(problems: list[Finding]) -> str:
    """What the editor reads when the site cannot be built at all."""
    lines = "\n".join(f"  {f}" for f in problems)
    count = len(problems)
    return f"The site cannot be built until {'this is' if count == 1 else f'these {count} are'} fixed:\n{lines}"
