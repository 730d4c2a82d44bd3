"""The diagrams (macros/diagrams/*.svg): optimised with scour, and found again in built pages.

The committed files are already optimised, rather than optimised at build time: the build (and
Zensical's) then needs no scour, and the file a reviewer reads is the file patients get. Scour
keeps the indentation, so the drawings stay editable by hand. After editing one, run

    .venv/bin/python -m tests.checks.diagrams

to optimise every drawing in place; the suite fails until the committed files match.
"""

from __future__ import annotations

import sys

import lxml.html
from scour import scour

from devtools.site import ROOT

FOLDER = ROOT / "macros" / "diagrams"
FIX = ".venv/bin/python -m tests.checks.diagrams"
# No id stripping (the title and desc ids name the picture) and titles and descs are kept.
SCOUR_ARGS = [
    "--strip-xml-prolog",
    "--remove-metadata",
    "--enable-comment-stripping",
    "--set-precision=5",
    "--indent=space",
    "--nindent=1",
    "--quiet",
]

# Where each diagram is placed: the built page and the diagrams on it.
PLACEMENTS = {
    "index.html": ["treatment-steps"],
    "procedure/index.html": ["treatment-steps"],
    "results/index.html": ["hair-cycle"],
    "causes/index.html": ["pattern-hair-loss"],
    "methods/index.html": ["methods-compared"],
}


def svg_files() -> list:
    return sorted(FOLDER.glob("*.svg"))


def optimised(text: str) -> str:
    return scour.scourString(text, scour.parse_args(SCOUR_ARGS))


def figures(page) -> dict:
    """name -> the <figure class="hc-diagram hc-diagram--NAME"> elements of a built page."""
    doc = lxml.html.document_fromstring(page.read_bytes())
    out: dict = {}
    for figure in doc.xpath('//figure[contains(concat(" ", @class, " "), " hc-diagram ")]'):
        name = next(c for c in figure.get("class").split() if c.startswith("hc-diagram--"))
        out.setdefault(name.removeprefix("hc-diagram--"), []).append(figure)
    return out


def main() -> int:
    for path in svg_files():
        text = path.read_text(encoding="utf-8")
        better = optimised(text)
        if better != text:
            path.write_text(better, encoding="utf-8")
            print(f"optimised {path.relative_to(ROOT)}: {len(text)} -> {len(better)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
