"""The published page must read as finished prose.

An allow-list of what the patient-visible text of a built page may look like: sentences, and
the tables, lists, boxes and footnotes the author wrote rendered as such. Anything else means
the text is unfinished (a TODO, a placeholder, the new-page template's example text, a merge
conflict) or the Markdown did not render (a table pasted from a spreadsheet, a list from Word, a
paragraph indented into a code block, a footnote without its note). Each finding names the line
of the file the editor typed it in (the page, or a snippet it pulls in).
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import front_matter_end, without_code
from sitecheck.core.page_tree import CODE_TAGS, inline_text, text_of
from sitecheck.core.source_lines import locate

# -- unfinished text --------------------------------------------------------------------------
UNFINISHED = [
    (
        re.compile(r"\b(TODO|TO-DO|FIXME|XXX+|TBC|TBD|TBA)\b"),
        "a note for the editors (“{m}”) is left in the text",
        "finish the sentence, or remove the note before publishing",
    ),
    (
        re.compile(r"\b(lorem ipsum|dolor sit amet|consectetur adipiscing)\b", re.IGNORECASE),
        "placeholder Latin text (“{m}”) is in the page",
        "replace it with the real text for patients",
    ),
    (
        re.compile(
            r"\[\s*(INSERT|ADD|FILL|ENTER|PUT|TYPE|CHECK|CONFIRM|NAME|DATE|PHONE|HOURS|PRICE|"
            r"ADDRESS|LINK|TEXT|DETAILS)\b[^\]]*\]|<\s*(INSERT|ADD|FILL)\b[^>]*>",
            re.IGNORECASE,
        ),
        "a placeholder (“{m}”) is in the page",
        "write the real information in its place, or remove the sentence until you have it",
    ),
    (
        re.compile(
            # The clinic's own placeholder (TO BE CONFIRMED BY THE CLINIC: …) is a fact waiting
            # for its answer: it shows as is, and ./run deploy refuses it wherever it is.
            r"\b(TO BE (CONFIRMED(?! BY THE CLINIC)|WRITTEN|ADDED)|[Tt]o be (confirmed|written|added)"
            r"(?! by (the|your|a) )|to fill in|fill in later|coming soon|"
            r"under construction)\b"
        ),
        "unfinished text (“{m}”) is in the page",
        "write the real text; a fact only the clinic can give belongs in the clinic's facts "
        "(clinic.yml), where ./run deploy checks it",
    ),
    (
        re.compile(
            r"©|\(c\)\s*\d{4}|\ball rights reserved\b|^\s*advertisement\s*$|^\s*continued\s*$|"
            r"\bsponsored content\b|\bskip to (main )?content\b|\baccept (all )?cookies\b|"
            r"\bshare on (facebook|twitter|x)\b|\bread more at \w+\.(com|org)\b",
            re.IGNORECASE | re.MULTILINE,
        ),
        "text copied from another website, with its page furniture or copyright notice "
        "(“{m}”), is in the page",
        "write the text in your own words and cite the website as a source; remove the "
        "other site's notices",
    ),
    (
        # Word's comment anchors ("[KL1]") and comment text ("Commented [KL1]: …"), Google
        # Docs' ("[a]Sarah, …"), and tracked changes' labels pasted with the text.
        re.compile(
            r"\[[A-Z]{1,4}\d{1,3}\]|\[[a-z]{1,2}\](?=[A-Z])|"
            r"\b(?:Commented|Comment|Deleted|Inserted|Formatted|Suggested|Resolved)\s*"
            r"(?:by\s+[\w .]+?\s*)?(?:\[[^\]\n]{1,12}\])?\s*:"
        ),
        "a reviewer's comment mark from Word or Google Docs (“{m}”) came with the pasted "
        "text; patients would read the team's internal remark",
        "delete the mark and the comment's text (answer the comment in the document, not on "
        "the page), and paste again as plain text",
    ),
    (
        # An e-mail pasted with its headers or its thread: "From: … Sent: … To: … Subject:",
        # "-----Original Message-----", "On Mon, 2 Nov 2026, Dr Lee wrote:", and "@Sarah"
        # mentions from a comment thread.
        re.compile(
            r"\b(?:From|Sent):[^\n]{1,160}?\b(?:Sent|To|Cc|Subject|Date):|"
            r"-{2,}\s*(?:Original|Forwarded) Message\s*-{2,}|\bwrote:\s*$|"
            r"(?:^|\n|[.!?]\s)On\s[^\n]{4,80}\swrote:|(?<![\w@.])@[A-Z][a-z]+\b(?![.\w-]*\.\w)",
            re.MULTILINE,
        ),
        "an e-mail's headers or a comment thread (“{m}”) came with the pasted text; patients "
        "would read the team's messages",
        "delete the e-mail headers, names and comments, and keep only the text meant for patients",
    ),
    (
        # A chatbot's answer pasted whole: its first and last lines speak to whoever asked.
        re.compile(
            r"\b(?:sure|certainly|absolutely|of course)[!,.]\s+here(?:'s|\u2019s| is| are)\b|"
            r"\bhere(?:'s|\u2019s| is| are) (?:a|an|the|your) (?:[\w-]+,? ){0,4}"
            r"(?:version|rewrite|revision|draft)\b|\blet me know if\b|\bwould you like me to\b|"
            r"\bas an ai\b|\bi hope this helps\b|\bfeel free to (?:adjust|edit|tweak|change)\b|"
            r"\b\d+(?:st|nd|rd|th)[- ]grade reading level\b",
            re.IGNORECASE,
        ),
        "a chatbot's words to the person who asked it (“{m}”) came with the pasted answer; "
        "patients would read them",
        "delete the chatbot's opening and closing lines, keep only the text meant for "
        "patients, and check every fact in it against the clinic's pages",
    ),
    (
        re.compile(r"(?<!\S)\?{2,}(?!\S)|\?{3,}"),
        "question marks (“{m}”) stand in for missing text",
        "write the missing text, or remove the sentence until you have it",
    ),
]

CONFLICT = re.compile(r"^[ \t]*(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?$", re.MULTILINE)

# -- Markdown that did not render --------------------------------------------------------------
UNRENDERED = [
    (
        re.compile(r"(?:^|\n)[ \t]*[•●▪◦·‣∙■□\u2013][ \t]+\S"),
        "a list typed with '•' or '\u2013' characters (pasted from Word) shows as one paragraph",
        "start each item on its own line with '- ' (a hyphen and a space), after a blank line",
    ),
    (
        re.compile(r"(?:^|\n)[ \t]*\(?\d{1,2}\)[ \t]+\S"),
        "a numbered list typed as '1)' shows as one paragraph",
        "number the items '1.', '2.', … (a full stop, not a bracket), each on its own line, "
        "after a blank line",
    ),
    (
        re.compile(r"[^|\n]*\|[^|\n]*\|"),
        "a table written with '|' did not become a table",
        "leave a blank line before the table, and put a line like '| --- | --- |' under its "
        "first row, with as many columns as the first row",
    ),
    (
        re.compile(r"\S(?:\t+| {3,})\S"),
        "columns lined up with tabs or spaces (pasted from a spreadsheet or e-mail) show as "
        "one line of run-together words",
        "write a table: a first row like '| Service | Price |', then '| --- | --- |', then "
        "one row per line, after a blank line",
    ),
    (
        re.compile(r"\[[^\]\n^]+\]\((?:https?:|mailto:|tel:|[\w./-]+\.md)[^)\s]*\)"),
        "a link written as [text](address) shows as typed, not as a link",
        "links work in the text of pages; in a glossary explanation or a sources entry, leave "
        "the link out (the glossary and the sources page show plain text)",
    ),
    (
        re.compile(r"\[\^[^\]\s]+\]"),
        "a footnote reference ('[^1]') has no note, so it shows as typed",
        "add the note on its own line at the end of the page: '[^1]: the note's text', with "
        "the same name",
    ),
    (
        re.compile(r"(?:^|\n)[ \t]*#{1,6}[ \t]+\S"),
        "a heading typed with '#' did not become a heading",
        "start the heading at the very start of a line with '## ', after a blank line",
    ),
    (
        re.compile(r"\*\*[^*\s][^*\n]*\*\*|(?<!\w)__[^_\s][^_\n]*__(?!\w)"),
        "bold written with '**' shows the stars",
        "put the text outside HTML, or add 'markdown' to the HTML element (<div markdown>)",
    ),
]


@lru_cache(maxsize=4)
def _template_lines(path: Path, stamp: float) -> tuple[str, ...]:
    """The new-page template's own sentences (example text and its comment), to spot a page
    that still carries them."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    end = front_matter_end(lines)
    out = []
    for line in lines[end + 1 :]:
        if re.match(r"\s*(\[|#|!!!|\?\?\?|===|-|\d+\.)", line):
            continue  # a link, heading, box or list line: a shape to reuse, not text
        words = re.sub(r"\{\{.*?\}\}|\[([^\]]*)\]\([^)]*\)|[*_#>!=?\"`-]", r" \1 ", line)
        words = " ".join(words.split())
        if len(words) >= 30 and len(words.split()) >= 6:
            out.append(words)
    return tuple(out)


def template_lines(project: Path) -> tuple[str, ...]:
    path = project / "templates" / "new-page.md"
    try:
        return _template_lines(path, path.stat().st_mtime)
    except OSError:
        return ()


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[*_#>!=?\"`-]", " ", text).split())


# The kinds of box the theme draws: Material's own, and the site's three urgency cards.
BOX_KINDS = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
    "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure",
    "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
    "soon", "urgent", "emergency",
}  # fmt: skip
BOX_LINE = re.compile(r"^( *)(!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)")


def unknown_boxes(raw: str, file: str) -> list[Finding]:
    """A box whose kind is mistyped ('!!! emergancy') is drawn as a plain grey box: an urgent
    warning would not look urgent."""
    out = []
    for number, line in enumerate(without_code(raw).split("\n"), start=1):
        found = BOX_LINE.match(line)
        if not found or found.group(3).lower() in BOX_KINDS:
            continue
        kind = found.group(3)
        close = difflib.get_close_matches(kind.lower(), sorted(BOX_KINDS), n=1, cutoff=0.6)
        out.append(
            Finding(
                file,
                number,
                f"the box kind '{kind}' is not one the site knows, so the box is drawn plain "
                "grey" + (f" (did you mean '{close[0]}'?)" if close else "") + ".",
                f'write {found.group(2)} {close[0] if close else "note"} "Title"; the kinds are '
                "note, tip, warning, danger, question, and the urgency cards soon, urgent and "
                "emergency.",
            )
        )
    return out


# Markup that word processors "improve": the snippet line's hyphens turned into dashes, and
# straight quotes turned curly in an attribute list or a box title. The markup then shows as
# text (the emergency card's list is replaced by a line of code) or sets a broken value.
TYPOGRAPHIC = [
    (
        re.compile(r"^[ \t]*(?!--8<--)[-\u2010-\u2015\u2212]{1,3}8<[-\u2010-\u2015\u2212]{1,3}"),
        "the line that includes a snippet has long dashes (“{m}”) where it needs two hyphens; "
        "a word processor changed them, and the page shows the line instead of the snippet",
        'type it with two plain hyphens on each side: --8<-- "file.md" (paste as plain '
        "text, or type it in the editor, not in Word)",
    ),
    (
        re.compile(r"^[ \t]*-{1,3}8<-{1,3}\s*[\u201c\u201d\u2018\u2019\u00ab\u00bb].*$"),
        "the snippet's file name is in curly quotes (“{m}”); the snippet is not included",
        'type straight quotes around the file name: --8<-- "file.md"',
    ),
    (
        re.compile(r"\{[^{}\n]*=\s*[\u201c\u201d\u2018\u2019\u00ab\u00bb][^{}\n]*\}"),
        "the setting in braces (“{m}”) has curly quotes; they become part of its value, so "
        "it does not work (a language is not set, an id is wrong)",
        'type straight quotes: { lang="es" } (paste as plain text, or turn off "smart '
        'quotes" in the word processor)',
    ),
    (
        re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+[ \t]+[\u201c\u201d\u2018\u2019].*$"),
        "the box's title is in curly quotes (“{m}”); the box does not get its title",
        'type straight quotes around the title: !!! note "Title"',
    ),
]


def typographic_markup(raw: str, file: str) -> list[Finding]:
    out = []
    for number, line in enumerate(raw.split("\n"), start=1):
        for pattern, what, fix in TYPOGRAPHIC:
            found = pattern.search(line)
            if found:
                shown = found.group(0).strip()[:60]
                out.append(Finding(file, number, what.format(m=shown) + ".", fix + "."))
                break
    return out


def check_source(raw: str, file: str, project: Path | None = None) -> list[Finding]:
    """On the Markdown (pages and snippets): merge-conflict markers, mistyped box kinds, and the
    new-page template's example text or its comment left in."""
    out = unknown_boxes(raw, file) + typographic_markup(raw, file)
    for found in CONFLICT.finditer(raw):
        line = raw.count("\n", 0, found.start()) + 1
        out.append(
            Finding(
                file,
                line,
                f"a merge-conflict marker (“{found.group(1)}”) is in the file: two versions of "
                "the text were kept, one after the other.",
                "keep the version you want, and delete the lines starting with '<<<<<<<', "
                "'=======' and '>>>>>>>' (or ask a developer to resolve the conflict).",
            )
        )
    if project is not None and file.startswith("docs/") and "/snippets/" not in file:
        examples = template_lines(project)
        if examples:
            for number, line in enumerate(raw.split("\n"), start=1):
                words = _norm(re.sub(r"\{\{.*?\}\}|\[([^\]]*)\]\([^)]*\)", r" \1 ", line))
                if len(words) >= 30 and words in examples:
                    out.append(
                        Finding(
                            file,
                            number,
                            "the new-page template's example text is still in the page: "
                            f"“{words[:70]}”.",
                            "replace it with your own text, or delete it (and the template's "
                            "note between '<!--' and '-->').",
                        )
                    )
                    break
    return out


def _blocks(page):
    """(element, its visible text) for each block of the author's content: paragraphs, list
    items, table cells, headings, definition terms; code left out."""
    content = page.content
    if content is None:
        return
    foot = page.foot
    for element in content.iter(
        "p",
        "li",
        "td",
        "th",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "summary",
        "blockquote",
        "div",
    ):
        if foot is not None and any(a is foot for a in element.iterancestors()):
            continue
        if any(a.tag in CODE_TAGS for a in element.iterancestors()):
            continue
        if element.tag in ("div", "blockquote", "li", "dd"):
            # Only the text written straight into it (its paragraphs are blocks of their own).
            own = (element.text or "") + "".join(
                (c.tail or "") for c in element if isinstance(c.tag, str)
            )
            if element.tag == "li" and len(element) and not element.xpath("./p|./ul|./ol"):
                own = inline_text(element)
            text = own
        else:
            text = inline_text(element)
        if text.strip():
            yield element, text


def _finding(page, context, shown: str, what: str, fix: str) -> Finding:
    snippet = " ".join(shown.split())[:80]
    project = getattr(context, "project", None)
    file, line = locate(page.raw, page.file, project, snippet)
    if not line:  # the matched piece alone (a line of a longer paragraph)
        for piece in sorted(re.split(r"\s{3,}|\t|\n", shown), key=len, reverse=True)[:3]:
            if len(piece.strip()) > 3:
                file, line = locate(page.raw, page.file, project, piece.strip())
                if line:
                    break
    return Finding(file, line, f"{what}; the page shows: “{snippet}”.", f"{fix}.")


def fact_texts(facts) -> list[str]:
    """Every text of the clinic's facts: a placeholder there ("TO BE CONFIRMED BY THE
    CLINIC: …") shows on the pages as is until the clinic answers, and ./run deploy refuses it."""
    out: list[str] = []
    if isinstance(facts, dict):
        for value in facts.values():
            out += fact_texts(value)
    elif isinstance(facts, list):
        for value in facts:
            out += fact_texts(value)
    elif isinstance(facts, str) and len(facts) >= 8:
        out.append(" ".join(facts.split()))
    return sorted(out, key=len, reverse=True)


def check_page(page, context) -> list[Finding]:
    if not page.is_doc:
        return []
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    facts = fact_texts(getattr(context, "clinic", {}) or {})
    for element, text in _blocks(page):
        if facts and "CONFIRMED" in text.upper():
            flat = " ".join(text.split())
            for fact in facts:
                if fact in flat:
                    text = re.sub(r"\s+".join(map(re.escape, fact.split())), "", text)
        for pattern, what, fix in UNFINISHED:
            found = pattern.search(text)
            if found and (what, found.group(0)) not in seen:
                seen.add((what, found.group(0)))
                message = what.format(m=found.group(0))
                out.append(_finding(page, context, found.group(0), message, fix))
        if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "dt", "summary"):
            continue
        for pattern, what, fix in UNRENDERED:
            found = pattern.search(text)
            if found and what not in {w for w, _ in seen}:
                seen.add((what, ""))
                start = text.rfind("\n", 0, found.start() + 1) + 1  # from the start of its line
                shown = text[start : found.end() + 40].split("\n")[0].strip()
                if not shown:
                    shown = found.group(0).strip()
                out.append(_finding(page, context, shown or text, what, fix))
    out += _tooltips(page, context)
    out += _code_blocks(page, context)
    out += _empty_sections(page)
    out += _repeats(page, context)
    out += _setext(page)
    return out


def _tooltips(page, context) -> list[Finding]:
    """A glossary explanation is shown as plain text in a tooltip: Markdown in it (a link,
    bold) shows as typed on every page."""
    content = page.content
    if content is None:
        return []
    out = []
    for title in {a.get("title") or "" for a in content.iter("abbr")}:
        for pattern, _what, _fix in UNRENDERED:
            found = pattern.search(title)
            if found and "|" not in found.group(0):
                term = title[:40]
                file, line = locate(None, page.file, getattr(context, "project", None), title)
                if not line:
                    file, line = locate(None, page.file, getattr(context, "project", None), term)
                out.append(
                    Finding(
                        file,
                        line,
                        f"a glossary explanation shows Markdown as typed in its tooltip, on every "
                        f"page: “{found.group(0)[:60]}”.",
                        "write the explanation as plain text, without links or '**'; put a link "
                        "in the page's own text instead.",
                    )
                )
                break
    return out


def _code_blocks(page, context) -> list[Finding]:
    """A code block the author did not fence: text indented by 4 spaces shows as code."""
    out = []
    content = page.content
    if content is None:
        return out
    for pre in content.iter("pre"):
        parent = pre.getparent()
        if parent is not None and "highlight" in (parent.get("class") or ""):
            continue  # a fenced block (```), written on purpose
        shown = text_of(pre).strip().split("\n")[0]
        out.append(
            _finding(
                page,
                context,
                shown,
                "a paragraph indented by 4 spaces or a tab shows as computer code in a grey box",
                "remove the spaces at the start of the line (to make it stand out, use a box: "
                "'!!! note \"Title\"' with the text indented under it)",
            )
        )
    return out


HEADING = re.compile(r"^h([1-6])$")


def _empty_sections(page) -> list[Finding]:
    """A heading with nothing under it before the next heading of its level or above."""
    out = []
    content = page.content
    if content is None:
        return out
    children = [c for c in content if isinstance(c.tag, str)]
    foot = page.foot
    for index, child in enumerate(children):
        level = HEADING.match(child.tag)
        if not level or child is foot:
            continue
        after = children[index + 1] if index + 1 < len(children) else None
        nxt = HEADING.match(after.tag) if after is not None else None
        if after is not None and after is not foot and not nxt:
            continue
        if nxt and int(nxt.group(1)) > int(level.group(1)):
            continue
        if after is None or after is foot or nxt:
            title = " ".join(inline_text(child).split())
            line = _line_of_heading(page.raw, title)
            out.append(
                Finding(
                    page.file,
                    line,
                    f"the heading “{title}” has nothing under it; patients see an empty section.",
                    "write the section's text under the heading, or remove the heading until the "
                    "text is ready.",
                )
            )
    return out


def _line_of_heading(raw: str | None, title: str) -> int:
    if not raw:
        return 0
    want = _norm(title).lower()
    for number, line in enumerate(raw.split("\n"), start=1):
        if line.lstrip().startswith("#") and _norm(line.lstrip("# \t")).lower().startswith(want):
            return number
    return 0


def _repeats(page, context) -> list[Finding]:
    """The same paragraph twice, and two headings with the same text, on one page."""
    out = []
    content = page.content
    if content is None:
        return out
    paragraphs: dict[str, int] = {}
    headings: dict[str, int] = {}
    for element in content.iter("p", "h2", "h3", "h4", "h5", "h6"):
        text = " ".join(inline_text(element).split())
        if element.tag == "p":
            if len(text) < 60:
                continue
            paragraphs[text] = paragraphs.get(text, 0) + 1
            if paragraphs[text] == 2 and _last_line(page.raw, text):
                file, line = locate(page.raw, page.file, None, " ".join(text.split()[-6:]))
                out.append(
                    Finding(
                        file,
                        _last_line(page.raw, text) or line,
                        f"the same paragraph is on the page twice: “{text[:60]}…”.",
                        "delete one of the two copies.",
                    )
                )
        else:
            key = text.lower()
            headings[key] = headings.get(key, 0) + 1
            if headings[key] == 2:
                out.append(
                    Finding(
                        page.file,
                        _last_heading_line(page.raw, text),
                        f"two headings on the page say “{text}”; patients and screen readers "
                        "cannot tell the sections apart, and links to the second one go to the "
                        "first.",
                        "give each section its own heading, or join the two sections.",
                    )
                )
    return out


def _last_line(raw: str | None, text: str) -> int:
    if not raw:
        return 0
    want = " ".join(re.findall(r"\w+", text.lower())[:6])
    found = 0
    for number, line in enumerate(raw.split("\n"), start=1):
        if want and want in " ".join(re.findall(r"\w+", line.lower())):
            found = number
    return found


def _last_heading_line(raw: str | None, title: str) -> int:
    if not raw:
        return 0
    want = _norm(title).lower()
    found = 0
    for number, line in enumerate(raw.split("\n"), start=1):
        if line.lstrip().startswith("#") and _norm(line.lstrip("# \t")).lower() == want:
            found = number
    return found


SETEXT = re.compile(r"^[ \t]{0,3}(-{2,}|={2,})[ \t]*$")


def _setext(page) -> list[Finding]:
    """A line of '---' or '===' right under a line of text turns that text into a heading."""
    raw = page.raw
    if not raw:
        return []
    lines = without_code(raw).split("\n")
    out = []
    for index in range(1, len(lines)):
        if not SETEXT.match(lines[index]):
            continue
        above = lines[index - 1]
        if not above.strip() or "|" in above or SETEXT.match(above):
            continue
        out.append(
            Finding(
                page.file,
                index + 1,
                f"the line '{lines[index].strip()}' right under a line of text turns that text "
                "into a heading; it does not draw a line.",
                "leave a blank line above '---' to draw a line, or delete it; write headings "
                "as '## Heading'.",
            )
        )
    return out
