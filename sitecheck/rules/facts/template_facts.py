"""What a page's `{{ }}` shows: every clinic fact it names exists, and it shows one fact.

Read from the page's Jinja tree (template_code.parse) against the facts of mkdocs.yml, before
anything is rendered, so the editor gets the file and the line instead of MkDocs' failure:

- `{{ clinic.prise.amount }}`: no such fact ("Did you mean 'price'?");
- `{% for x in clinic.not_for %}{{ x.conditon }}`: the entries of a list have no such field;
- `{{ clinic.not_for[7].ask }}`: the list has fewer entries;
- `{{ clinic.price }}` or `{{ clinic.price.includes }}`: a group or a list of facts, which the
  page would print as raw data (`{ amount: 1650 … }`) without any error at all;
- `{% if clinic.methods_offered.prp == "yes" %}`: a true/false fact (facts.yml) compared with a
  word, which is never equal to it, so the part under it silently never shows.

Only chains of plain names and numbers are followed (template_code refuses anything else);
a name this cannot know (a `{% set %}`, `loop`, a macro) is left alone.
"""

from __future__ import annotations

import difflib

from jinja2 import nodes

CHAIN = (nodes.Getattr, nodes.Getitem)
UNKNOWN = None  # a name whose values cannot be known before rendering


def _chain(node) -> tuple[str, list] | None:
    """`clinic.not_for[0].ask` -> ("clinic", ["not_for", 0, "ask"]); None if not that plain."""
    keys: list = []
    while isinstance(node, CHAIN):
        if isinstance(node, nodes.Getattr):
            keys.insert(0, node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str | int):
            keys.insert(0, node.arg.value)
        else:
            return None
        node = node.node
    return (node.name, keys) if isinstance(node, nodes.Name) and node.ctx == "load" else None


def _written(base: str, keys: list) -> str:
    return base + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in keys)


class _Scope:
    """Each name's possible values, and how the editor wrote where they come from."""

    def __init__(self, values: dict[str, tuple[list | None, str]]):
        self.values = values

    def bind(self, name: str, values: list | None, origin: str) -> _Scope:
        return _Scope({**self.values, name: (values, origin)})


def check(tree: nodes.Template, file: str, clinic: dict, finding) -> list:
    """Every `{{ }}` of the page that names a fact mkdocs.yml does not have, or shows a group."""
    out: list = []
    _walk(tree, _Scope({"clinic": ([clinic], "clinic")}), out, file, finding, shown=False)
    return sorted(set(out))


def _walk(node, scope: _Scope, out: list, file: str, finding, shown: bool) -> None:
    if isinstance(node, nodes.For):
        _walk(node.iter, scope, out, file, finding, shown=False)
        values = _resolve(node.iter, scope)
        inner = scope
        if isinstance(node.target, nodes.Name):
            lists = [v for v in values or [] if isinstance(v, list)]
            items = [i for v in lists for i in v] if values and len(lists) == len(values) else None
            chain = _chain(node.iter)
            origin = f"the entries of {_written(*chain)}" if chain else ""
            inner = inner.bind(node.target.name, items, origin)
        else:  # {% for a, b in ... %}: values this check does not follow
            for target in node.target.find_all(nodes.Name):
                inner = inner.bind(target.name, UNKNOWN, "")
        for child in [*node.body, *([node.test] if node.test else [])]:
            _walk(child, inner, out, file, finding, shown=False)
        for child in node.else_:
            _walk(child, scope, out, file, finding, shown=False)
        return
    if isinstance(node, nodes.Compare):
        problem = _yes_no_compared(node, scope)
        if problem:
            out.append(finding(file, node.lineno, *problem))
    if isinstance(node, CHAIN):
        chain = _chain(node)
        if chain is not None:
            problem = _check_chain(chain, scope, shown)
            if problem:
                out.append(finding(file, node.lineno, *problem))
            return
    for child in node.iter_child_nodes():
        _walk(child, scope, out, file, finding, shown=isinstance(node, nodes.Output))


def _resolve(expr, scope: _Scope) -> list | None:
    """The possible values of a chain, or None when they cannot be known here."""
    chain = _chain(expr) if isinstance(expr, (*CHAIN, nodes.Name)) else None
    if chain is None or chain[0] not in scope.values:
        return None
    values, _ = scope.values[chain[0]]
    if values is None:
        return None
    for key in chain[1]:
        values = [_step(v, key) for v in values]
        if any(v is _MISSING for v in values):
            return None
    return values


_MISSING = object()


def _step(value, key):
    if isinstance(key, str) and isinstance(value, dict):
        return value.get(key, _MISSING)
    if isinstance(key, int) and isinstance(value, list):
        return value[key] if 0 <= key < len(value) else _MISSING
    return _MISSING


def _check_chain(chain: tuple[str, list], scope: _Scope, shown: bool) -> tuple[str, str] | None:
    base, keys = chain
    if base not in scope.values or scope.values[base][0] is None:
        return None
    values, origin = scope.values[base]
    page_uses = f"the page uses {{{{ {_written(base, keys)} }}}}"
    for value in values:
        for depth, key in enumerate(keys):
            here = _written(base, keys[:depth])
            nxt = _step(value, key)
            if nxt is not _MISSING:
                value = nxt
                continue
            if isinstance(value, dict):
                known = sorted(value)
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                hint = f" Did you mean '{close[0]}'?" if close else ""
                if base == "clinic":
                    what = f"{page_uses}, but clinic.yml has no fact {here}.{key}.{hint}"
                else:
                    what = f"{page_uses}, but {origin} have no '{key}'.{hint}"
                return what, f"correct the name (known here: {', '.join(known)})."
            if isinstance(value, list):
                return (
                    f"{page_uses}, but {here} is a list of {len(value)} entries, numbered "
                    f"from [0] to [{len(value) - 1}]."
                    if isinstance(key, int)
                    else f"{page_uses}, but {here} is a list, not a group of named facts.",
                    f"pick an entry by its number, e.g. "
                    f"{{{{ {_written(base, [*keys[:depth], 0, *keys[depth + 1 :]])} }}}}, or "
                    f"list them all with {{% for item in {here} %}}.",
                )
            return (
                f"{page_uses}, but {here} is a single fact ({value!r}), with no parts.",
                f"write {{{{ {here} }}}}.",
            )
        if shown:
            problem = _shows_group(_written(base, keys), value)
            if problem:
                return problem
    return None


def _shows_group(written: str, value) -> tuple[str, str] | None:
    """A group or a list printed as it is: patients would read `{ amount: 1650 … }`."""
    if isinstance(value, dict):
        facts = ", ".join(value)
        first = next(iter(value), "name")
        return (
            f"the page shows {{{{ {written} }}}}, which is a group of facts ({facts}), not one "
            "fact: the page would print them all as raw data.",
            f"name the one fact to show, e.g. {{{{ {written}.{first} }}}}.",
        )
    if isinstance(value, list):
        return (
            f"the page shows {{{{ {written} }}}}, which is a list of {len(value)} entries: the "
            "page would print it as raw data, with brackets and quotes.",
            f"write it as a list, one '- ' line per entry, as the cost page does: a line "
            f"'{{% for item in {written} -%}}', a line '- {{{{ item }}}}', a line "
            "'{% endfor %}'.",
        )
    return None


# How editors write yes and no; any other word is read as "yes" for the fix's sake.
NO_WORDS = {"no", "false", "n", "0", "off", "not offered", "none"}


def _yes_no_facts() -> dict[str, str]:
    """ "methods_offered.prp" -> what it is, for each fact whose schema (facts.yml) is true/false."""
    from sitecheck.rules.facts.clinic_facts import load_facts

    out = {}
    for fact in load_facts().values():
        schema = fact.schema.get("anyOf", [fact.schema])[0] if fact.schema else {}
        if schema.get("type") == "boolean" and fact.under == "clinic" and not fact.retired:
            out[fact.key] = fact.what
    return out


def _yes_no_compared(node: nodes.Compare, scope: _Scope) -> tuple[str, str] | None:
    """`clinic.methods_offered.prp == "yes"`: true or false is never equal to a word. `== True`
    too while mkdocs.yml holds the placeholder, which the pages count as true only when they
    write the fact alone (`{% if clinic.methods_offered.prp %}`)."""
    if len(node.ops) != 1 or node.ops[0].op not in ("eq", "ne"):
        return None
    sides = [node.expr, node.ops[0].expr]
    for fact_side, other in (sides, sides[::-1]):
        chain = _chain(fact_side) if isinstance(fact_side, CHAIN) else None
        if not chain or chain[0] != "clinic" or not isinstance(other, nodes.Const):
            continue
        dotted = ".".join(str(k) for k in chain[1])
        what = _yes_no_facts().get(dotted)
        if what is None or not isinstance(other.value, str | bool):
            continue
        written = _written(*chain)
        value = other.value
        if isinstance(value, str):
            yes = value.strip().lower() not in NO_WORDS
            compared = f"the word '{value}': true or false is never equal to a word"
        else:
            current = [v for v in _resolve(fact_side, scope) or [] if not isinstance(v, bool)]
            if not current:
                return None  # a real true or false compared with True: it works
            yes = value
            compared = (
                f"{value}, but clinic.yml holds the placeholder '{current[0]}' there, which is "
                "neither, and which pages count as true only where they write the fact alone"
            )
        shows = "always shows" if node.ops[0].op == "ne" else "never shows"
        positive = yes == (node.ops[0].op == "eq")
        right = f"{{% if {written} %}}" if positive else f"{{% if not {written} %}}"
        return (
            f"the page compares {{{{ {written} }}}} ({what}), which is true or false, with "
            f"{compared}, so the part of the page under this {{% if %}} {shows}.",
            f"write {right}, with no comparison: the fact is true or false itself.",
        )
    return None
