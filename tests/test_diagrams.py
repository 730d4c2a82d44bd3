"""The diagrams: small, optimised, inline with real-text labels, named by their title, allowed
elements only, and drawn with the clinic's facts from clinic.yml. Broken drawings are refused.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from devtools.site import ROOT
from macros import diagrams as macro
from sitecheck.core.config import load_config
from sitecheck.core.page_tree import text_of
from tests.checks.diagrams import FIX, PLACEMENTS, figures, optimised, svg_files

CLINIC = load_config(ROOT)["extra"]["clinic"]
MAX_BYTES = 15 * 1024
# What one diagram may add to a page, gzipped as a server sends it.
MAX_GZIP_BYTES = 2 * 1024

# Words each picture must carry as <text>: read out, selectable, translatable, never paths.
LABELS = {
    "treatment-steps": [
        "1. Take a little fat",
        "often from the belly,",
        "2. Prepare the cells",
        "3. Inject the scalp",
        "How many sessions",
    ],
    "hair-cycle": ["1. Growing", "2. Resting", "3. Shedding", "Why any change takes months"],
    "pattern-hair-loss": ["Men", "Women", "The part on top", "Hairline moves", "Front hairline"],
    "methods-compared": [
        "Stem cells from fat",
        "PRP (not stem cells)",
        "Micrografts",
        "All three are still being tested.",
    ],
}


def names() -> list[str]:
    return [path.stem for path in svg_files()]


def test_every_diagram_has_its_caption_file_labels_and_a_place():
    placed = {name for on_page in PLACEMENTS.values() for name in on_page}
    assert names(), "no diagrams in macros/diagrams/"
    for name in names():
        assert (macro.FOLDER / f"{name}.yml").is_file(), f"macros/diagrams/{name}.yml is missing"
    assert set(names()) == placed == set(LABELS)


@pytest.mark.parametrize("path", svg_files(), ids=lambda p: p.name)
def test_committed_drawing_is_small_and_already_optimised(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) < MAX_BYTES, f"{path.name} is {len(text.encode())} bytes"
    assert optimised(text) == text, f"{path.name} is not optimised with scour; run: {FIX}"


def test_optimised_check_finds_an_unoptimised_drawing():
    text = (macro.FOLDER / "hair-cycle.svg").read_text(encoding="utf-8")
    planted = text.replace("<title>", "<!-- a comment scour strips -->\n <title>", 1)
    assert optimised(planted) != planted


def svgs_in(page: Path) -> dict:
    return {name: found for name, found in figures(page).items()}


def test_labels_are_text_in_the_built_pages(built_site):
    for html, expected in PLACEMENTS.items():
        found = svgs_in(built_site.site / html)
        assert sorted(found) == sorted(expected), f"{html}: diagrams {sorted(found)}"
        for name in expected:
            (figure,) = found[name]
            svg = figure.find(".//svg")
            texts = [" ".join("".join(t.itertext()).split()) for t in svg.iter("text")]
            missing = [label for label in LABELS[name] if label not in texts]
            assert not missing, f"{html} {name}: labels not found as <text>: {missing}"
            caption = figure.find("figcaption")
            assert caption is not None and text_of(caption).strip(), f"{name}: no caption"


def test_each_picture_is_named_by_its_title_and_description(built_site):
    for html, expected in PLACEMENTS.items():
        for name in expected:
            (figure,) = svgs_in(built_site.site / html)[name]
            svg = figure.find(".//svg")
            assert svg.get("role") == "img"
            ids = svg.get("aria-labelledby").split()
            parts = {el.get("id"): el for el in svg.iter("title", "desc")}
            assert [parts[i].tag for i in ids] == ["title", "desc"], f"{name}: {ids}"
            assert all(text_of(parts[i]).strip() for i in ids)


def test_built_pictures_use_only_the_allowed_elements_and_attributes(built_site):
    allowed = {a.lower() for a in macro.ATTRIBUTES} | {"xmlns"}
    for html, expected in PLACEMENTS.items():
        for name in expected:
            (figure,) = svgs_in(built_site.site / html)[name]
            for element in figure.find(".//svg").iter():
                if not isinstance(element.tag, str):
                    continue
                assert element.tag in macro.ELEMENTS, f"{html} {name}: <{element.tag}>"
                extra = set(element.attrib) - allowed
                assert not extra, f"{html} {name}: <{element.tag}> has {sorted(extra)}"


def test_ids_are_unique_on_every_page_with_a_diagram(built_site):
    import lxml.html

    for html in PLACEMENTS:
        doc = lxml.html.document_fromstring((built_site.site / html).read_bytes())
        ids = doc.xpath("//@id")
        assert len(ids) == len(set(ids)), f"{html}: {sorted(i for i in ids if ids.count(i) > 1)}"


def test_each_picture_adds_little_to_the_page():
    for name in names():
        size = len(gzip.compress(inline(name).encode(), compresslevel=6))
        assert size < MAX_GZIP_BYTES, f"{name} adds {size} bytes (gzip) to its page"


def inline(name: str, folder: Path = macro.FOLDER, clinic: dict = CLINIC) -> str:
    return macro.render(macro.load(name, clinic, f"diagram-{name}", folder), name)


def test_a_second_copy_on_one_page_gets_ids_of_its_own():
    ids, page, other = macro.PageIds(), object(), object()
    first = macro.load("hair-cycle", CLINIC, ids.prefix(page, "hair-cycle"))
    second = macro.load("hair-cycle", CLINIC, ids.prefix(page, "hair-cycle"))
    assert 'id="diagram-hair-cycle-title"' in first.svg
    assert 'id="diagram-hair-cycle-2-title"' in second.svg
    assert 'aria-labelledby="diagram-hair-cycle-2-title diagram-hair-cycle-2-desc"' in second.svg
    assert ids.prefix(other, "hair-cycle") == "diagram-hair-cycle", "a new page starts again"


def test_facts_in_clinic_yml_change_the_pictures(project):
    project.replace("clinic.yml", "first_course: 2", "first_course: 3")
    project.replace("clinic.yml", "result_assessment_months: 6", "result_assessment_months: 9")
    result = project.build(strict=True)
    assert result.returncode == 0, result.output

    def labels(html: str, name: str) -> list[str]:
        (figure,) = figures(result.site / html)[name]
        return [" ".join("".join(t.itertext()).split()) for t in figure.iter("text")]

    steps = labels("procedure/index.html", "treatment-steps")
    assert "3 close together, then" in steps, steps
    assert "2 close together, then" not in steps
    assert "Month 9:" in labels("results/index.html", "hair-cycle")
    assert "Sessions: 3, then" in labels("methods/index.html", "methods-compared")
    (figure,) = figures(result.site / "results/index.html")["hair-cycle"]
    assert "month 9" in text_of(figure.find(".//svg").find("desc"))


def test_a_drawing_without_a_title_stops_the_build_with_a_clear_message(project):
    svg = project.path("macros/diagrams/treatment-steps.svg")
    text = svg.read_text(encoding="utf-8")
    start, end = text.index("<title>"), text.index("</title>") + len("</title>")
    svg.write_text(text[:start] + text[end:], encoding="utf-8")
    result = project.build(strict=True)
    assert result.returncode != 0
    assert "macros/diagrams/treatment-steps.svg: the diagram has no title" in result.output
    assert "docs/procedure.md" in result.output and "Fix: put <title>" in result.output
    assert "Traceback" not in result.output


def planted(tmp_path: Path, svg: str, yml: str = "caption: A planted test picture.\n") -> Path:
    (tmp_path / "planted.svg").write_text(svg, encoding="utf-8")
    (tmp_path / "planted.yml").write_text(yml, encoding="utf-8")
    return tmp_path


GOOD = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 40" width="320" height="40">'
    "<title>{title}</title><desc>A planted picture.</desc>{body}</svg>"
)

REFUSED = {
    "empty title": (GOOD.format(title="  ", body=""), "has no title, or it is empty"),
    "no description": (
        GOOD.format(title="T", body="").replace("<desc>A planted picture.</desc>", ""),
        "has no description (desc)",
    ),
    "an image element": (
        GOOD.format(title="T", body='<image width="1" height="1"/>'),
        "<image> is not allowed in a diagram",
    ),
    "a style attribute": (
        GOOD.format(title="T", body='<rect width="1" height="1" style="fill:red"/>'),
        "the attribute style= on <rect> is not allowed",
    ),
    "an event handler": (
        GOOD.format(title="T", body='<rect width="1" height="1" onclick="x()"/>'),
        "the attribute onclick= on <rect> is not allowed",
    ),
    "a link": (
        GOOD.format(title="T", body='<use href="#a"/>'),
        "<use> is not allowed in a diagram",
    ),
    "a link attribute": (
        GOOD.format(
            title="T",
            body='<rect xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://x.example"/>',
        ),
        "the attribute xlink:href= on <rect> is not allowed",
    ),
    "a style sheet": (
        GOOD.format(title="T", body="<style>text{fill:red}</style>"),
        "<style> is not allowed in a diagram",
    ),
    "no size": (
        GOOD.format(title="T", body="").replace(' width="320" height="40"', ""),
        '<svg> needs width="…"',
    ),
    "a mistyped fact": (
        GOOD.format(title="T", body="<text>{{ clinic.sesions.first_course }}</text>"),
        "{{ clinic.sesions.first_course }} is not a clinic fact in clinic.yml",
    ),
    "not XML": (GOOD.format(title="T", body="<text>a & b</text>"), "is not valid SVG"),
}


@pytest.mark.parametrize("fault", REFUSED)
def test_the_macro_refuses_a_broken_drawing_naming_its_file(tmp_path, fault):
    svg, message = REFUSED[fault]
    with pytest.raises(macro.DiagramError) as refused:
        macro.load("planted", CLINIC, "diagram-planted", planted(tmp_path, svg))
    assert message in str(refused.value)
    assert "macros/diagrams/planted.svg" in str(refused.value)


def test_the_macro_refuses_a_missing_caption_or_an_unknown_name(tmp_path):
    folder = planted(tmp_path, GOOD.format(title="T", body=""), yml="details: []\n")
    with pytest.raises(macro.DiagramError, match=r"planted\.yml: the diagram needs a caption"):
        macro.load("planted", CLINIC, "diagram-planted", folder)
    with pytest.raises(macro.DiagramError, match=r"nope\.svg does not exist.*known: planted"):
        macro.load("nope", CLINIC, "diagram-nope", folder)


def test_a_good_planted_drawing_is_accepted_and_gets_its_facts(tmp_path):
    body = "<text>{{ clinic.sessions.first_course }} sessions</text>"
    diagram = macro.load(
        "planted", CLINIC, "diagram-planted", planted(tmp_path, GOOD.format(title="T", body=body))
    )
    assert f"<text>{CLINIC['sessions']['first_course']} sessions</text>" in diagram.svg
    assert diagram.caption == "A planted test picture."
