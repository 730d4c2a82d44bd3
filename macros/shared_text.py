"""Safety text written once: the urgency cards and the "see a doctor" signs, in docs/snippets/.

A page includes one with pymdownx.snippets' own line, e.g.

    --8<-- "urgency-emergency.md"

The build's snippet check names a file that does not exist. Snippet files that start with one of
SHARED (below) may hold clinic facts, `{{ emergency_number }}` or `{{ clinic.phone }}`:
pymdownx.snippets pastes a file only after the page's templates have run, which would print the
braces, so this module pastes these files into the page first (mkdocs-macros'
on_pre_page_macros), keeping the indentation of the line (a card inside a list item stays in
it). The pasted text then goes through the same checks as a page's own templates
(sitecheck.template_code, then Jinja's sandbox): a snippet can use the facts and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitecheck.template_code import check_template_code

# The snippet files pasted before the templates run (the others stay pymdownx.snippets' job).
SHARED = ("urgency-", "see-a-doctor", "safety-")
LINE = re.compile(r"""^(?P<indent>[ \t]*)-+8<-+[ \t]+(["'])(?P<name>[^"']+)\2[ \t]*$""", re.M)


def expand(markdown: str, folder: Path, facts) -> str:
    def paste(match: re.Match) -> str:
        name = match.group("name")
        if not name.startswith(SHARED):
            return match.group(0)
        path = folder / name
        text = path.read_text(encoding="utf-8").rstrip("\n")
        refused = check_template_code(text, f"docs/snippets/{name}", facts)
        if refused:
            raise ValueError("\n".join(str(f) for f in refused))
        indent = match.group("indent")
        return "\n".join(indent + line if line.strip() else "" for line in text.split("\n"))

    return LINE.sub(paste, markdown)


def before_page(env) -> None:
    """mkdocs-macros' on_pre_page_macros: paste the shared snippets into the page's Markdown."""
    if "8<" not in (env.markdown or ""):
        return
    folder = Path(env.conf["docs_dir"]) / "snippets"
    env.markdown = expand(env.markdown, folder, set(env.conf.get("extra") or {}))
