"""The PDF leaflets (leaflets/): one per patient page and the consultation pack, made from the
same build as the pages, tagged for screen readers, and linked from each page with their size."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from devtools.site import ROOT
from leaflets.markers import link_leaflets, size_text
from leaflets.settings import SettingsError, read_settings
from macros.money import format_money
from sitecheck.core.page_tree import parse_html, text_of

LEAFLET_LINK = re.compile(
    r'<a href="([^"]+\.pdf)" type="application/pdf">Download this page as a printable leaflet '
    r"\(PDF, (\d+ KB)\)</a>"
)


def make_leaflets(project: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "leaflets", str(site), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.fail(f"{tool} not found: install Debian's poppler-utils (.ci/run does).")
    return path


def pdf_text(pdf: Path, *pages: str) -> str:
    """The PDF's text (or that of `-f 1 -l 1`'s pages), words joined by single spaces."""
    args = [poppler("pdftotext"), *pages, str(pdf), "-"]
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def as_read(text: str) -> str:
    """Text as a reader takes it across line breaks: spaces and hyphens do not count."""
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run([poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    return {
        k.strip(): v.strip()
        for k, _, v in (line.partition(":") for line in out.stdout.splitlines())
    }


def page_facts(html: str) -> tuple[str, list[str]]:
    """The page's heading and its review box's dates, as the page shows them."""
    doc = parse_html(html)
    h1 = doc.xpath("//article//h1")[0]
    # The heading's words, a glossary abbreviation's included ("(SVF)"), without its ¶ link.
    title = " ".join(text_of(h1).replace("¶", " ").split())
    dates = [" ".join(text_of(dd).split()) for dd in doc.xpath("//aside[@class='hc-trust']//dd")]
    return title, dates


@pytest.fixture(scope="module")
def leaflets(built_site, tmp_path_factory):
    """The real build copied, then `python -m leaflets` on it, as ./run deploy does."""
    site = tmp_path_factory.mktemp("leaflets") / "site"
    shutil.copytree(built_site.site, site)
    result = make_leaflets(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return built_site, site, result


def test_every_patient_page_has_its_leaflet_linked_with_its_real_size(leaflets):
    built, site, result = leaflets
    assert built.sources, "no pages found"
    for dest in built.sources:
        html = (site / dest).read_text(encoding="utf-8")
        links = LEAFLET_LINK.findall(html)
        assert len(links) == 1, f"{dest}: no leaflet link"
        href, size = links[0]
        pdf = (site / dest).parent / href
        assert pdf.is_file(), f"{dest} links to a missing {href}"
        assert size == size_text(pdf.stat().st_size)
        assert "data-hc-print" not in html  # the print button gave way to the link
    assert "0 problems" in result.stdout  # the link check ran on the linked pages and passed


def test_each_leaflet_has_the_pages_title_review_dates_and_is_tagged(leaflets):
    built, site, _ = leaflets
    for dest in built.sources:
        html = (site / dest).read_text(encoding="utf-8")
        title, dates = page_facts(html)
        pdf = (site / dest).parent / LEAFLET_LINK.findall(html)[0][0]
        text = pdf_text(pdf)
        assert title in pdf_text(pdf, "-f", "1", "-l", "1"), f"{pdf.name}: no {title!r} on page 1"
        for date in dates:
            assert date in text, f"{pdf.name}: review box's {date!r} missing"
        info = pdf_info(pdf)
        assert info["Tagged"] == "yes"
        assert info["Title"].startswith(title)
        assert info["Page size"].endswith("(letter)")  # mkdocs.yml: paper: letter


def test_the_cost_leaflet_has_the_clinics_price_contacts_and_sources(leaflets):
    built, site, _ = leaflets
    clinic = built.config["extra"]["clinic"]
    text = pdf_text(site / "leaflets" / "cost.pdf")
    assert format_money(clinic["price"]["amount"]) in text  # "$1,650", as on the page
    for fact in ("phone", "email", "address"):
        # A line may break inside an address; pdftotext joins the halves and may drop the
        # hyphen it broke at. A reader reads across the break: so does the comparison.
        assert as_read(clinic[fact]) in as_read(text), (clinic[fact], text)
    assert "This information is general" in text  # the disclaimer
    assert "Sources for this page" in text
    assert "(https://www.ftc.gov/" in text  # a source's address, printed after its link


def test_the_consultation_pack_joins_the_pages_in_order(leaflets):
    built, site, result = leaflets
    text = pdf_text(site / "leaflets" / "consultation-pack.pdf")
    assert text.startswith("Your consultation pack")
    named = read_settings(built.config).pack
    dest_of = {src: dest for dest, src in built.sources.items()}
    titles = []
    for name in named:
        if f"docs/{name}" not in dest_of:
            assert f"note: {name} is not in the site" in result.stderr
            continue
        html = (site / dest_of[f"docs/{name}"]).read_text(encoding="utf-8")
        titles.append(page_facts(html)[0])
    assert len(titles) >= 3
    pack = pdf_text(site / "leaflets" / "consultation-pack.pdf", "-f", "2")  # after the cover
    cover = pdf_text(site / "leaflets" / "consultation-pack.pdf", "-l", "1")
    assert all(f"{n}. {title}" in cover for n, title in enumerate(titles, 1)), cover
    positions = [pack.find(title) for title in titles]
    assert -1 not in positions and positions == sorted(positions), (titles, positions)
    assert pdf_info(site / "leaflets" / "consultation-pack.pdf")["Tagged"] == "yes"


def test_a_build_without_leaflets_offers_print_and_links_to_no_pdf(built_site):
    html = (built_site.site / "cost" / "index.html").read_text(encoding="utf-8")
    assert "data-hc-print" in html and not re.search(r' href="[^"]*\.pdf"', html)
    assert not list(built_site.site.rglob("*.pdf"))
    assert built_site.findings("links") == []


def test_a_marker_whose_pdf_is_missing_stays_a_marker(tmp_path):
    marker = (
        '<li data-hc-leaflet="page" data-hc-href="../leaflets/x.pdf" data-hc-label="Get it">'
        "<button>Print this page</button></li>"
    )
    page = tmp_path / "x" / "index.html"
    page.parent.mkdir()
    page.write_text(marker, encoding="utf-8")
    assert link_leaflets(tmp_path) == 0
    assert page.read_text(encoding="utf-8") == marker
    (tmp_path / "leaflets").mkdir()
    (tmp_path / "leaflets" / "x.pdf").write_bytes(b"%" * 1499)
    assert link_leaflets(tmp_path) == 1
    assert page.read_text(encoding="utf-8") == (
        '<li><a href="../leaflets/x.pdf" type="application/pdf">Get it (PDF, 1 KB)</a></li>'
    )


def test_an_unknown_paper_size_is_refused_with_the_fix():
    with pytest.raises(SettingsError, match=r"extra.leaflets.paper is 'a5'.*letter, a4"):
        read_settings({"extra": {"leaflets": {"paper": "A5"}}})
    assert read_settings({}).paper == "Letter"  # US Letter unless the clinic says otherwise


def test_a4_clinics_get_a4_leaflets(project):
    project.replace("mkdocs.yml", "    paper: letter", "    paper: a4")
    project.accept_config()  # a developer's setting
    built = project.build(strict=True)
    assert built.returncode == 0, built.output
    result = make_leaflets(project.root, built.site, "--pages", "cost/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert pdf_info(built.site / "leaflets" / "cost.pdf")["Page size"].endswith("(A4)")
    # Only cost/ has its leaflet: the other pages keep their print button, and no link breaks.
    assert "data-hc-print" in (built.site / "faq" / "index.html").read_text(encoding="utf-8")
    assert "0 problems" in result.stdout


def test_leaflets_need_a_built_site(tmp_path):
    result = make_leaflets(ROOT, tmp_path / "nothing")
    assert result.returncode == 1
    assert "index.html not found: build the site first" in result.stderr
