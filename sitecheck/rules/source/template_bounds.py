"""Bounded templates: a page's `{{ }}` may format the facts, never make work without end.

Jinja's sandbox bounds `range()` only; a few bytes of `{{ clinic.name * 999999 }}`,
`{{ "%999999d" | format(1) }}`, `{{ x | center(10**7) }}`, loops inside loops over a text, or
`{% set %}` doubling a text each line make megabytes of page or minutes of build. So, checked on
the parsed template before anything renders (with the page's file and line):

- `*` never repeats a text or a list, and multiplies by at most MAX_FACTOR;
- a filter's number (width, length) is at most MAX_WIDTH, a format has no width of 3 digits
  or more and no `*`;
- loops: at most MAX_LOOP_DEPTH inside each other, never `recursive`, never over a written list
  or text longer than MAX_LITERAL;
- `{% set %}` never builds on another `{% set %}` value (the doubling trick), MAX_SETS at most.

macros/sandbox.py refuses a repeated text at render time too, and the hook refuses a rendered
page over MAX_RENDERED bytes: two locks, not one.
"""

from __future__ import annotations

import re

from jinja2 import nodes

from sitecheck.core.finding import Finding

MAX_FACTOR = 1000
MAX_WIDTH = 200
MAX_LOOP_DEPTH = 2
MAX_LITERAL = 50
MAX_SETS = 10
MAX_RENDERED = 1_000_000
WIDTH_FILTERS = {"center", "indent", "truncate", "wordwrap", "format", "round", "filesizeformat"}
WIDE_FORMAT = re.compile(r"%[-#0 +]*(?:\*|\d{3,})|\{[^{}]*:[^{}]*(?:\*|\d{3,})[^{}]*\}")
FIX = (
    "write the text or the number itself instead; templates in pages only show the clinic's "
    "facts (ask a developer for a macro if a page needs more)."
)


def _const_big(node) -> str | None:
    if isinstance(node, nodes.Const):
        value = node.value
        if isinstance(value, (str, list, tuple)):
            return "repeats a text or a list"
        if isinstance(value, (int, float)) and abs(value) > MAX_FACTOR:
            return f"multiplies by {value} (at most {MAX_FACTOR})"
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return "repeats a list"
    return None


def check(tree: nodes.Template, file: str) -> list[Finding]:
    out: list[tuple[int, str]] = []

    def refuse(node, what):
        out.append((getattr(node, "lineno", 0) or 0, what))

    for node in tree.find_all(nodes.Mul):
        why = _const_big(node.left) or _const_big(node.right)
        if why:
            refuse(node, f"a '*' that {why}")
    for node in tree.find_all(nodes.Filter):
        if node.name in WIDTH_FILTERS:
            for arg in [*node.args, *(k.value for k in node.kwargs)]:
                if (
                    isinstance(arg, nodes.Const)
                    and isinstance(arg.value, (int, float))
                    and (abs(arg.value) > MAX_WIDTH)
                ):
                    refuse(
                        node, f"the filter '|{node.name}' with {arg.value} (at most {MAX_WIDTH})"
                    )
                elif not isinstance(arg, nodes.Const) and node.name != "format":
                    refuse(node, f"the filter '|{node.name}' with a width that is not a number")
    for node in tree.find_all(nodes.Const):
        if isinstance(node.value, str) and WIDE_FORMAT.search(node.value):
            refuse(node, f"a format '{WIDE_FORMAT.search(node.value).group(0)}' with a wide width")
        if isinstance(node.value, str) and len(node.value) > 1000:
            refuse(node, "a written text of more than 1000 characters")

    def loops(node, depth):
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.For):
                if depth + 1 > MAX_LOOP_DEPTH:
                    refuse(child, f"a loop inside {depth} other loops (at most {MAX_LOOP_DEPTH})")
                if child.recursive:
                    refuse(child, "a recursive loop")
                target = child.iter
                if (
                    isinstance(target, nodes.Const)
                    and isinstance(target.value, (str, list, tuple))
                    and len(target.value) > MAX_LITERAL
                ):
                    refuse(child, f"a loop over a written text or list of more than {MAX_LITERAL}")
                if (
                    isinstance(target, (nodes.List, nodes.Tuple))
                    and len(target.items) > MAX_LITERAL
                ):
                    refuse(child, f"a loop over a written list of more than {MAX_LITERAL}")
                loops(child, depth + 1)
            else:
                loops(child, depth)

    loops(tree, 0)
    sets = list(tree.find_all(nodes.Assign))
    stored: set[str] = set()
    for node in sets:
        used = {n.name for n in node.node.find_all(nodes.Name)}
        if isinstance(node.node, nodes.Name):
            used.add(node.node.name)
        if used & stored:
            refuse(node, "a {% set %} built from another {% set %} value")
        stored |= {n.name for n in node.target.find_all(nodes.Name)} | (
            {node.target.name} if isinstance(node.target, nodes.Name) else set()
        )
    if len(sets) > MAX_SETS:
        refuse(sets[MAX_SETS], f"more than {MAX_SETS} {{% set %}}")
    found, lines = [], set()
    for line, what in sorted(out):
        if line not in lines:
            lines.add(line)
            found.append(
                Finding(
                    file,
                    line,
                    f"a template in the page uses {what}, which can make the page huge or the "
                    "build endless.",
                    FIX,
                )
            )
    return found
