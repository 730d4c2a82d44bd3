"""Put a hand-drawn diagram into a page as inline SVG: {{ diagram("treatment-steps") }}.

Inline, so the labels stay real text: selectable, translatable and read by screen readers.
Each diagram is two files in macros/diagrams/ (outside docs/ and overrides/, so they are not
published as loose files): NAME.svg, the drawing, and NAME.yml, its visible caption and an
optional "Text description". A clinic fact is written {{ clinic.sessions.first_course }} in
either file and filled in from mkdocs.yml by one small substitution (no template engine runs
on the drawing), so the picture and the page text cannot disagree.

The macro refuses a drawing outside the allow-list below (what the site's HTML sanitiser
allows), or one without a title, with a message that names the file and the fix.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from lxml import etree

FOLDER = Path(__file__).parent / "diagrams"
SVG_NS = "http://www.w3.org/2000/svg"
# Exactly what the site's HTML sanitiser allows inside <svg> (the lead keeps the two in step).
ELEMENTS = frozenset({
    "svg", "g", "title", "desc", "rect", "circle", "ellipse", "path", "line", "polyline",
    "polygon", "text", "tspan",
})  # fmt: skip
# xmlns is allowed too: to lxml it is a namespace declaration, not an attribute.
ATTRIBUTES = frozenset({
    "viewBox", "width", "height", "role", "aria-labelledby", "aria-hidden", "id", "class",
    "x", "y", "dx", "dy", "cx", "cy", "r", "rx", "ry", "d", "points", "x1", "y1", "x2", "y2",
    "transform", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-dasharray", "font-size", "font-weight", "text-anchor", "dominant-baseline",
})  # fmt: skip
FACT = re.compile(r"\{\{\s*clinic\.([A-Za-z_][\w.]*)\s*\}\}")
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

log = logging.getLogger("mkdocs.plugins.diagrams")


class DiagramError(Exception):
    """A diagram that cannot be shown; the message is for the editor."""


@dataclass(frozen=True)
class Diagram:
    svg: str
    caption: str  # Markdown, facts filled in
    details: list[str]  # Markdown, one list item each


def fill_facts(text: str, clinic: dict, file: str) -> str:
    """Replace each {{ clinic.x.y }} with the fact from mkdocs.yml; an unknown one is an error."""

    def value(match: re.Match) -> str:
        found = clinic
        for key in match[1].split("."):
            if not isinstance(found, dict) or key not in found:
                line = text.count("\n", 0, match.start()) + 1
                raise DiagramError(
                    f"{file}:{line}: {match[0]} is not a clinic fact in clinic.yml. Fix: use a "
                    "name listed under clinic: in clinic.yml, e.g. {{ clinic.sessions.first_course }}."
                )
            found = found[key]
        if isinstance(found, dict | list):
            raise DiagramError(
                f"{file}: {match[0]} is a group of facts, not one value. Fix: name one "
                "value inside it."
            )
        return html.escape(str(found))

    return FACT.sub(value, text)


def local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def check_svg(root, file: str) -> None:
    """Only the allowed elements and attributes, and a real title and description."""
    if local(root.tag) != "svg":
        raise DiagramError(f"{file}: the file must start with <svg>, not <{local(root.tag)}>.")
    for attr in ("viewBox", "width", "height"):
        if not root.get(attr):
            raise DiagramError(
                f'{file}: <svg> needs {attr}="…" so the page keeps room for the picture while '
                f'it loads. Fix: add {attr} (e.g. viewBox="0 0 320 400" width="320" height="400").'
            )
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments are dropped when the drawing is written out
        name = local(element.tag)
        if name not in ELEMENTS:
            raise DiagramError(
                f"{file}:{element.sourceline}: <{name}> is not allowed in a diagram. Fix: draw "
                f"with {', '.join(sorted(ELEMENTS))} only."
            )
        for attr in element.attrib:
            qname = etree.QName(attr)
            if qname.localname not in ATTRIBUTES or qname.namespace:
                prefixes = {uri: key for key, uri in element.nsmap.items()}
                shown = f"{prefixes.get(qname.namespace, 'xml')}:" if qname.namespace else ""
                raise DiagramError(
                    f"{file}:{element.sourceline}: the attribute {shown}{qname.localname}= on "
                    f"<{name}> is not allowed (no style, links or scripts). Fix: use class= "
                    "and style it in overrides/assets/stylesheets/theme.css."
                )
    for part in ("title", "desc"):
        found = root.find(f"{{{SVG_NS}}}{part}")
        if found is None or not "".join(found.itertext()).strip():
            what = "title" if part == "title" else "description (desc)"
            raise DiagramError(
                f"{file}: the diagram has no {what}, or it is empty; screen-reader users hear "
                f"it instead of seeing the picture. Fix: put <{part}>what the picture shows"
                f"</{part}> right after <svg>."
            )


def with_ids(root, prefix: str) -> None:
    """Give every id the page-unique prefix, and make the <svg> named by its title and desc."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("id"):
            element.set("id", f"{prefix}-{element.get('id')}")
    title = root.find(f"{{{SVG_NS}}}title")
    desc = root.find(f"{{{SVG_NS}}}desc")
    title.set("id", f"{prefix}-title")
    desc.set("id", f"{prefix}-desc")
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}-title {prefix}-desc")
    root.set("class", " ".join(filter(None, ["hc-diagram__svg", root.get("class")])))


def load(name: str, clinic: dict, prefix: str, folder: Path = FOLDER) -> Diagram:
    if not NAME.fullmatch(name):
        raise DiagramError(
            f'diagram("{name}"): a diagram name is lower case with hyphens, e.g. '
            'diagram("treatment-steps").'
        )
    svg_path, yml_path = folder / f"{name}.svg", folder / f"{name}.yml"
    svg_file, yml_file = f"macros/diagrams/{name}.svg", f"macros/diagrams/{name}.yml"
    if not svg_path.is_file():
        known = ", ".join(sorted(p.stem for p in folder.glob("*.svg"))) or "none"
        raise DiagramError(
            f"{svg_file} does not exist. Fix: check the name in diagram(...); known: {known}."
        )
    text = fill_facts(svg_path.read_text(encoding="utf-8"), clinic, svg_file)
    try:
        root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(remove_comments=True))
    except etree.XMLSyntaxError as err:
        raise DiagramError(f"{svg_file}: the drawing is not valid SVG ({err}).") from None
    check_svg(root, svg_file)
    with_ids(root, prefix)
    meta = {}
    if yml_path.is_file():
        try:
            meta = yaml.safe_load(yml_path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as err:
            raise DiagramError(f"{yml_file}: cannot be read ({err}).") from None
    caption = " ".join(str(meta.get("caption") or "").split())
    if not caption:
        raise DiagramError(
            f"{yml_file}: the diagram needs a caption that says what it shows. Fix: write "
            "caption: The treatment in three steps."
        )
    details = [
        fill_facts(" ".join(str(line).split()), clinic, yml_file)
        for line in meta.get("details") or []
    ]
    svg = etree.tostring(root, encoding="unicode")
    return Diagram(svg, fill_facts(caption, clinic, yml_file), details)


def render(diagram: Diagram, name: str) -> str:
    """The picture as raw HTML; its caption and text description as Markdown (md_in_html), so
    glossary tooltips and links to sources work there as in the rest of the page."""
    out = [
        f'<figure class="hc-diagram hc-diagram--{name}" markdown="1">',
        # A child without the markdown attribute stays raw HTML: Markdown never touches the SVG.
        f'<div class="hc-diagram__picture">{diagram.svg}</div>',
        f'<figcaption markdown="span">{diagram.caption}</figcaption>',
        "</figure>",
    ]
    if diagram.details:
        out += ["", '<details class="hc-diagram__text" markdown="1">']
        out += ["<summary>Text description</summary>", ""]
        out += [f"- {line}" for line in diagram.details] + ["", "</details>"]
    return "\n".join(out)


def notice(message: str) -> str:
    """What the page shows instead of a broken diagram (the strict build fails anyway)."""
    return f'\n!!! failure "This diagram cannot be shown"\n    {html.escape(message)}\n'


class PageIds:
    """Counts each diagram per page, so a second copy on one page gets ids of its own."""

    def __init__(self):
        self.page = None
        self.used: dict[str, int] = {}

    def prefix(self, page, name: str) -> str:
        if page is not self.page:
            self.page, self.used = page, {}
        self.used[name] = self.used.get(name, 0) + 1
        count = self.used[name]
        return f"diagram-{name}" + (f"-{count}" if count > 1 else "")


def register(env):
    ids = PageIds()

    @env.macro
    def diagram(name: str) -> str:
        clinic = env.variables.get("clinic") or {}
        try:
            return render(load(name, clinic, ids.prefix(getattr(env, "page", None), name)), name)
        except DiagramError as err:
            page = getattr(getattr(env, "page", None), "file", None)
            where = f"docs/{page.src_uri}: " if page is not None else ""
            log.error(f"{where}{err}")
            return notice(str(err))
