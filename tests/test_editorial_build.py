"""The build hook reports every editorial problem with file, line and fix; --strict refuses them."""

from sitecheck.outputs.preview_box import BOX_ID
from tests.conftest import page

FAULTS = {
    "docs/claim.md": page("Claim", "Our treatment is completely\nsafe."),
    "docs/image.md": page("Image", "![image](images/none.png)"),
    "docs/html.md": page("Html", '<a href="cost/" onclick="track()">Cost</a>'),
    "docs/leftover.md": page(
        "Leftover", 'Text before.\n\n  !!! warning "Careful"\n      Text under it.'
    ),
    "docs/dates.md": page("Dates", "Text.").replace(
        "next_review: 2027-11-01", "next_review: 2035-01-01"
    ),
    "docs/snippets/glossary.md": "*[PRP]: Platelet-rich plasma, a risk-free treatment\n",
    "docs/quote.md": page(
        "Quote", "The results are permanent. <!-- claim-ok: quoting the advert to correct it -->"
    ),
}
EXPECTED = [
    "WARNING -  docs/claim.md:11: medical claim “completely safe” (Absolute safety claim)",
    "WARNING -  docs/image.md:11: the image 'images/none.png' has alternative text that says nothing",
    "WARNING -  docs/image.md:11: the image file 'images/none.png' does not exist.",
    "WARNING -  docs/html.md:11: <a onclick=...> runs code in the page",
    "WARNING -  docs/leftover.md:13: an admonition ('!!! note') was not rendered; the page shows:",
    "WARNING -  docs/dates.md:5: 'next_review' (2035-01-01) is more than 3 years after 'reviewed'",
    "WARNING -  docs/snippets/glossary.md:1: medical claim “risk-free”",
]


def plant_all(project):
    for name, text in FAULTS.items():
        project.write(name, text)


def test_every_check_reports_at_build_time_and_fails_the_strict_build(project):
    plant_all(project)
    result = project.build(strict=True)
    assert result.returncode != 0
    for line in EXPECTED:
        assert line in result.output, f"missing: {line}\n{result.output}"
    assert "Fix:" in result.output
    assert "The build stopped: " in result.output
    assert (
        "INFO    -  claim-ok marker: docs/quote.md:11: allowed (quoting the advert to correct it): "
        "permanent" in result.output
    )
    assert "docs/quote.md:11: medical claim" not in result.output


def test_production_build_never_contains_the_preview_box(project):
    plant_all(project)
    result = project.build(strict=False)
    assert result.returncode == 0, result.output
    assert EXPECTED[0] in result.output  # the problems were found...
    pages = list(result.site.rglob("*.html"))
    assert pages
    for html in pages:  # ...but no built page shows the box
        assert BOX_ID not in html.read_text(encoding="utf-8"), html


def test_impossible_date_stops_the_build_naming_file_and_line(project):
    # MkDocs would silently drop such front matter and show the raw '---' block to patients.
    project.write("docs/baddate.md", page("Bad date", "Text.").replace("2026-11-01", "2026-02-30"))
    result = project.build()
    assert result.returncode != 0
    assert "docs/baddate.md:4: a date in the front matter does not exist" in result.output
