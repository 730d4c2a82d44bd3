"""Medical claims the evidence does not support, by concept, from a file compliance can edit.

The concepts (kinds of claim, each with why regulators object, safer wording and a source) are in
sitecheck/rules/claims/rules.yml; claims_concepts.py reads them and claims_text.py finds them in
sentences, leaving honest uses alone. This module runs that over a Markdown source (front matter
title and description included, code and comments excluded, lines kept) and handles allow markers
with a reason (`<!-- claim-ok: quoting the article to correct it -->`) on the same line or alone
on the line before the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitecheck.core.finding import Finding
from sitecheck.core.markdown_source import PRINTED_FIELD, blocks, line_of, without_code
from sitecheck.rules.claims.concepts import Rule, Rules, RulesError, load_rules
from sitecheck.rules.claims.text import Hit, find_claims

MARKER = re.compile(r"<!--\s*claim-ok\b\s*:?(?P<reason>.*?)-->", re.DOTALL)
MIN_REASON = 10
# Not read by patients as words: link targets, HTML tags, attribute lists.
NOT_WORDS = re.compile(r"(?<=\])\([^)\n]*\)|<[^>\n]*>|\{:[^}\n]*\}")
# The marker and quotes of a box, collapsible box or tab title (`??? question "Is it safe?"`):
# patients see the title as a heading, not as a quotation (which would read as a testimonial).
BOX_TITLE = re.compile(
    r'(?m)^(?P<marker>[ \t]*(?:!!!|\?\?\?\+?|===\+?)[ \t]*[\w-]*(?:[ \t]+[\w-]+)*[ \t]*)"(?P<title>[^"\n]*)"'
)


def box_title(match: re.Match) -> str:
    # A box's title is a heading: it ends its own sentence ('A patient's story' is not the
    # start of the quotation under it).
    return " " * (len(match["marker"]) + 1) + match["title"] + "."


__all__ = [
    "Allowed",
    "ClaimsResult",
    "Hit",
    "Rule",
    "Rules",
    "RulesError",
    "check_claims",
    "find_claims",
    "load_rules",
]


@dataclass(frozen=True)
class Allowed:
    """A quotation an allow marker lets through, for the compliance report."""

    file: str
    line: int
    reason: str
    claims: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: allowed ({self.reason}): {', '.join(self.claims)}"


@dataclass
class ClaimsResult:
    findings: list[Finding] = field(default_factory=list)
    allowed: list[Allowed] = field(default_factory=list)
    # For the classifier's review queue (review.py): the text read, with link addresses kept
    # (`shown`), where concept hits start, and the spans claim-ok markers cover.
    text: str = ""
    shown: str = ""
    hit_starts: list[int] = field(default_factory=list)
    marked: list[tuple[int, int]] = field(default_factory=list)


def markers(raw: str, clean: str, file: str) -> tuple[list[tuple[int, int, str, int]], list]:
    """Each marker's covered span (start, end, reason, line) and findings for broken markers."""
    spans, problems = [], []
    paragraphs = blocks(clean)
    for marker in MARKER.finditer(raw):
        line = line_of(raw, marker.start())
        reason = " ".join(marker.group("reason").split())
        if len(reason) < MIN_REASON:
            problems.append(
                Finding(
                    file,
                    line,
                    "a claim-ok marker has no reason.",
                    "say why the claim may stay, e.g. "
                    "<!-- claim-ok: quoting the clinic article to correct it -->.",
                )
            )
            continue
        same_line = next((b for b in paragraphs if b.start <= marker.start() < b.end), None)
        target = same_line or next((b for b in paragraphs if b.start > marker.start()), None)
        if target:
            spans.append((target.start, target.end, reason, line))
    return spans, problems


# A glossary entry ("*[PRP]: Platelet-rich plasma, …") is the tooltip on every use of the
# term. It says what a thing is, with no stance to read (the classifier learnt the glossary's
# lines as honest ones), so the classifier never vetoes a claim in it.
DEFINITION = re.compile(r"\*\[[^\]\n]+\]:")


def is_definition(raw: str, offset: int) -> bool:
    return bool(DEFINITION.match(raw, raw.rfind("\n", 0, offset) + 1))


def blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def check_claims(raw: str, file: str, rules: Rules) -> ClaimsResult:
    result = ClaimsResult()
    shown_fields = {"keep_shown_fields": True, "fields": PRINTED_FIELD}
    with_comments = without_code(raw, keep_comments=True, **shown_fields)
    shown = BOX_TITLE.sub(box_title, without_code(raw, **shown_fields))
    text = NOT_WORDS.sub(blank, shown)
    spans, result.findings = markers(with_comments, text, file)
    result.text, result.shown, result.marked = text, shown, [(s[0], s[1]) for s in spans]
    used: dict[int, list[str]] = {}
    for hit in find_claims(text, rules, shown):
        result.hit_starts.append(hit.start)
        cover = next((i for i, s in enumerate(spans) if s[0] <= hit.start < s[1]), None)
        if cover is not None:
            used.setdefault(cover, []).append(hit.phrase)
            continue
        if not hit.vetoed or is_definition(raw, hit.start):
            result.findings.append(finding(file, line_of(raw, hit.start), hit))
    for index, (_, _, reason, line) in enumerate(spans):
        if index in used:
            result.allowed.append(Allowed(file, line, reason, tuple(used[index])))
        else:
            result.findings.append(
                Finding(
                    file,
                    line,
                    "a claim-ok marker allows nothing: no claim follows it.",
                    "remove the marker, or put it on the line with the quoted claim.",
                )
            )
    return result


def finding(file: str, line: int, hit: Hit) -> Finding:
    rule = hit.rule
    return Finding(
        file,
        line,
        f"medical claim “{hit.phrase}” ({rule.name}): {rule.why}",
        f"{rule.instead} Source: {rule.source}. If you are quoting the claim on purpose, put "
        "<!-- claim-ok: your reason --> at the end of the line.",
    )
