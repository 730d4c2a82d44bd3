"""Templates in pages are data: `{{ clinic.price.amount }}`, never Python's insides.

Pages are rendered in Jinja's sandbox (macros/sandbox.py), which refuses any name starting
with "_"; this finds such a name first, before anything is rendered, so the editor gets the
file and the line instead of a stopped build.
"""

from __future__ import annotations

import re

from .finding import Finding
from .source import line_of

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)
# A name, attribute or key that starts with "_": how templates reach Python's internals.
PRIVATE = re.compile(r"""(?<![\w'"])_\w*|\.\s*_\w*|\[\s*['"]_[^'"]*['"]|\|\s*attr\b""")


def check_template_code(text: str, file: str) -> list[Finding]:
    shown = RAW.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for tag in JINJA.finditer(shown):
        private = PRIVATE.search(tag.group(0))
        if private:
            out.append(
                Finding(
                    file,
                    line_of(text, tag.start() + private.start()),
                    f"the template {tag.group(0)[:60]!r} uses '{private.group(0).strip()}': "
                    "pages may use the clinic's facts and the site's macros, nothing else.",
                    "write the fact you need, e.g. {{ clinic.phone }}; the facts are listed "
                    "under extra: clinic: in mkdocs.yml.",
                )
            )
    return out
