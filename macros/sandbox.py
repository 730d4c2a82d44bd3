"""Page text is data, not code: pages are rendered in Jinja's sandbox, with the clinic's facts.

mkdocs-macros builds an ordinary Jinja environment, in which `{{ cycler.__init__.__globals__ }}`
reaches Python itself and can run any command on the build machine. Before each page is
rendered, the environment is swapped for a sandboxed copy (same delimiters, undefined handling,
macros and filters) that refuses every attribute starting with "_", and the page sees only the
facts from mkdocs.yml `extra:` and the site's macros. sitecheck/rules/source/template_code.py names the file
and line of such an attribute before anything is rendered.
"""

from __future__ import annotations

from pathlib import Path

from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

# Environment settings carried over to the sandbox.
SETTINGS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix",
    "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
    "keep_trailing_newline", "undefined", "finalize", "autoescape", "loader",
)  # fmt: skip


class PageSandbox(SandboxedEnvironment):
    # `*` and `**` are checked as they run: never repeat a text or a list, never a huge number
    # (sitecheck/rules/source/template_bounds.py refuses them before rendering, with file:line).
    intercepted_binops = frozenset({"*", "**"})

    def is_safe_attribute(self, obj, attr, value):
        return not attr.startswith("_") and super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context, operator, left, right):
        if operator == "**" or any(isinstance(v, (str, list, tuple)) for v in (left, right)):
            raise SecurityError(f"a page's template may not use {operator} on {left!r:.20}")
        result = left * right
        if isinstance(result, (int, float)) and abs(result) > 10**12:
            raise SecurityError("a page's template made a number too large to show")
        return result


def sandboxed(env):
    if isinstance(env, PageSandbox):
        return env
    box = PageSandbox(**{name: getattr(env, name) for name in SETTINGS})
    box.globals.update(env.globals)
    box.filters.update(env.filters)
    box.tests.update(env.tests)
    return box


def page_variables(variables: dict, extra: dict, macros) -> None:
    """Keep only the facts (mkdocs.yml `extra:`) and the named macros: no config, no files, no page object."""
    allowed = set(extra) | set(macros)
    for name in [n for n in variables if n not in allowed]:
        del variables[name]


def before_page(env) -> None:
    """mkdocs-macros' on_pre_page_macros: runs before each page is rendered."""
    env._env = sandboxed(env.env)
    page_variables(env.variables, env.conf.get("extra") or {}, env.macros)


def check_zensical_page(env) -> None:
    """Zensical builds a plain Jinja environment per page and calls define_env just before it
    renders that page, with no hook to swap the environment: refuse the page's templates there,
    with sitecheck's allow-list, before they run. (mkdocs-macros has on_pre_page_macros.)"""
    page = getattr(env, "page", None)
    if hasattr(env, "pre_macro_functions") or page is None:
        return  # mkdocs-macros: before_page() sandboxes it
    from sitecheck.rules.source.template_code import check_template_code

    docs = Path(env.conf.get("docs_dir", "docs"))
    source = docs if docs.is_absolute() else Path(env.project_dir) / docs
    path = source / page.path
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    found = check_template_code(text, f"docs/{page.path}", env.conf.get("extra") or {})
    if found:
        raise ValueError("\n".join(str(f) for f in found))
