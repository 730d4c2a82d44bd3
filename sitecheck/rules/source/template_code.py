"""Templates in pages are data: `{{ clinic.price.amount }}`, loops and ifs over the facts, and
the site's named macros. Nothing else, so no page can reach Python's insides.

The page's Jinja is parsed by Jinja itself and every piece of it must be on the allow-list
below; this runs before anything is rendered (the MkDocs hook's file check, and the macros
module under Zensical), so the editor gets the file and the line. Under MkDocs the pages are
rendered in Jinja's sandbox too (macros/sandbox.py): two locks, not one.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2
from jinja2 import nodes

from sitecheck.core.finding import Finding

# The site's macros (macros/): the only functions a page may call. tests/test_security_templates.py
# checks this is exactly what macros/ registers, so a new macro cannot be forgotten here.
MACROS = {"glossary", "diagram", "sources_list"}
# Filters that only format a value.
FILTERS = {
    "abs", "capitalize", "center", "d", "default", "e", "escape", "first", "float", "format",
    "indent", "int", "join", "last", "length", "count", "list", "lower", "replace", "round",
    "string", "striptags", "title", "trim", "truncate", "upper", "url", "wordcount",
}  # fmt: skip
TESTS = {"defined", "undefined", "none", "number", "string", "odd", "even", "divisibleby"}
PLAIN = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.Const, nodes.For, nodes.If,
    nodes.CondExpr, nodes.Compare, nodes.Operand, nodes.And, nodes.Or, nodes.Not, nodes.Neg,
    nodes.Pos, nodes.Concat, nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv,
    nodes.Mod, nodes.List, nodes.Tuple, nodes.Dict, nodes.Pair, nodes.Assign, nodes.Keyword,
)  # fmt: skip
FIX = (
    "use the clinic's facts as they are, e.g. {{ clinic.phone }} or "
    "{% for item in clinic.price.includes %}; the facts are listed in clinic.yml."
    " For anything more, ask a developer to add a macro in macros/."
)


def _refusal(node, names: set[str]) -> str | None:
    if isinstance(node, nodes.Name):
        known = node.ctx != "load" or node.name in names
        return None if known and not node.name.startswith("_") else f"the name '{node.name}'"
    if isinstance(node, nodes.Getattr):
        return f"'.{node.attr}'" if node.attr.startswith("_") else None
    if isinstance(node, nodes.Getitem):
        key = node.arg
        plain = isinstance(key, nodes.Const) and not str(key.value).startswith("_")
        return None if plain else "a [...] look-up that is not a plain name or number"
    if isinstance(node, nodes.Filter):
        return None if node.name in FILTERS else f"the filter '|{node.name}'"
    if isinstance(node, nodes.Test):
        return None if node.name in TESTS else f"the test 'is {node.name}'"
    if isinstance(node, nodes.Call):
        named = isinstance(node.node, nodes.Name) and node.node.name in MACROS
        return None if named else "a call to something that is not one of the site's macros"
    if isinstance(node, PLAIN):
        return None
    return f"'{type(node).__name__}' (e.g. include, import, macro or set-block)"


JINJA = jinja2.Environment()


@lru_cache(maxsize=512)
def parse(text: str) -> nodes.Template:
    """A page's Jinja, parsed once for every check that reads it (the trees are only read).
    A syntax error is raised again each time, not remembered."""
    return JINJA.parse(text)


def check_template_code(text: str, file: str, facts) -> list[Finding]:
    """`facts`: the names under mkdocs.yml `extra:` (clinic, emergency_number, ...)."""
    if "{{" not in text and "{%" not in text:
        return []
    try:
        tree = parse(text)
    except jinja2.TemplateSyntaxError as err:
        return [
            Finding(
                file,
                err.lineno,
                f"a {{{{ ... }}}} or {{% ... %}} template is not written correctly ({err.message}).",
                FIX,
            )
        ]
    names = {*facts, *MACROS, "loop"}
    names |= {n.name for n in tree.find_all(nodes.Name) if n.ctx == "store"}
    refused = []
    for node in [tree, *tree.find_all(nodes.Node)]:
        what = _refusal(node, names)
        if what:  # Python's insides ("_") first: the editor should see the real reason
            refused.append((getattr(node, "lineno", 0) or 0, "_" not in what, what))
    if not refused:  # the code is allowed: then its size and work must be bounded too
        from sitecheck.rules.source import template_bounds

        return template_bounds.check(tree, file)
    out, lines = [], set()
    for line, _, what in sorted(refused):
        if line not in lines:  # one message per line
            lines.add(line)
            out.append(
                Finding(
                    file,
                    line,
                    f"a template in the page uses {what}: pages may use the clinic's facts and "
                    "the site's macros, nothing else.",
                    FIX,
                )
            )
    return out
