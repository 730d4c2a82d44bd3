"""Issue 30: classes, ids and link targets on a built page (pure functions on small pages)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sitecheck.engine import Page
from sitecheck.rules.page import attributes, link_targets

CONTEXT = SimpleNamespace(
    clinic={"phone_link": "+15550134", "email": "appointments@hair-clinic.example"},
    site_url="https://patients.hair-clinic.example/",
)


def built(article: str, raw: str = "", head: str = "") -> Page:
    html = (
        f"<html><head>{head}</head><body><header id='top'></header><article class="
        f"'md-content__inner md-typeset'><h2 id='cost'>Cost</h2>{article}</article></body></html>"
    )
    return Page("x/index.html", "docs/x.md", html, raw or article)


@pytest.mark.parametrize(
    "html",
    [
        "<p class='md-dialog md-dialog--active'>Session expired</p>",
        "<div class='md-header'>Fake header</div>",
        "<p class='md-banner'>x</p>",
    ],
)
def test_materials_layout_classes_are_refused(html):
    found = attributes.check_page(built(html, "a\n" + html), CONTEXT)
    assert found and found[0].line == 2 and "not one of the site's own" in found[0].what


@pytest.mark.parametrize(
    "html",
    [
        "<p><a class='md-button md-button--primary' href='../contact/'>Book</a></p>",
        "<div class='admonition warning'><p class='admonition-title'>Warning</p></div>",
        "<div class='hc-diagram'><svg class='hc-d-skin'></svg></div>",
        "<pre><code><span class='k'>x</span></code></pre>",
    ],
)
def test_the_sites_own_classes_pass(html):
    assert attributes.check_page(built(html), CONTEXT) == []


def test_an_id_that_takes_a_headings_anchor_is_refused():
    raw = "## Cost\n\nCall 1-900 now.\n{ #cost }\n"
    found = attributes.check_page(built("<p id='cost'>Call 1-900 now.</p>", raw), CONTEXT)
    assert [f.line for f in found] == [4] and "the id 'cost' is given 2 times" in found[0].what


def test_an_id_that_makes_toc_rename_a_heading_is_refused():
    raw = "## Cost\n\nCall now.\n{ #cost }\n"
    html = "<h2 id='cost_1'>Cost</h2><p id='cost'>Call now.</p>"
    found = attributes.check_page(
        built(html, raw).__class__(
            "x/index.html", "docs/x.md", f"<html><body><article>{html}</article></body></html>", raw
        ),
        CONTEXT,
    )
    assert [f.line for f in found] == [4] and "takes the anchor of the heading 'Cost'" in found[
        0
    ].what


def test_an_id_that_takes_the_themes_own_part_is_refused():
    found = attributes.check_page(built("<p id='top'>x</p>", "x {#top}"), CONTEXT)
    assert found and "'top'" in found[0].what


@pytest.mark.parametrize(
    ("html", "said"),
    [
        ("<a href='tel:+19005550199'>Call</a>", "is not the clinic's number"),
        ("<a href='tel:+15550134;ext=9'>Call</a>", "is not the clinic's number"),
        (
            "<a href='mailto:appointments@hair-clinic.example?bcc=x@evil.example'>Mail</a>",
            "not simply",
        ),
        ("<a href='mailto:appointments@hair-clinic.example,x@evil.example'>Mail</a>", "not simply"),
        ("<a href='mailto:other@evil.example'>Mail</a>", "not simply"),
        ("<a href='//evil.example/x'>x</a>", "protocol-relative"),
        ("<a href='https://book.hair-clinic.example@evil.example/'>Book</a>", "user name"),
        ("<a href='https://www.fd\u0430.gov/medwatch'>MedWatch</a>", "look-alike"),
        ("<a href='https://xn--fd-8kc.gov/'>FDA</a>", "look-alike"),
        ("<a href='https://evil.example/fda'>www.fda.gov</a>", "shows the address 'www.fda.gov'"),
        ("<img src='https://tracker.example/p.gif' alt=''>", "loads a file from another website"),
        ("<img src='a.png' srcset='https://t.example/a.png 1x' alt=''>", "loads a file"),
        ("<video poster='//t.example/p.jpg'></video>", "loads a file"),
    ],
)
def test_link_targets_are_refused(html, said):
    found = link_targets.check_page(built(html), CONTEXT)
    assert found and said in found[0].what, found
    assert found[0].fix


@pytest.mark.parametrize(
    "html",
    [
        "<a href='tel:+15550134'>+1 555-0134</a>",
        "<a href='tel:911'>911</a>",
        "<a href='tel:988'>988</a>",
        "<a href='mailto:appointments@hair-clinic.example'>appointments@hair-clinic.example</a>",
        "<a href='https://www.fda.gov/medwatch'>www.fda.gov/medwatch</a>",
        "<a href='https://www.fda.gov/safety/medwatch'>the FDA's MedWatch page</a>",
        "<a href='../cost/'>Cost</a>",
        "<img src='../images/room.png' alt='Room'>",
    ],
)
def test_the_clinics_own_links_pass(html):
    assert link_targets.check_page(built(html), CONTEXT) == []


def test_an_emoji_from_a_cdn_is_refused_at_its_code():
    html = (
        "<p>Happy <img alt='😄' class='twemoji' src='https://cdn.jsdelivr.net/gh/jdecked/"
        "twemoji@16.0.1/assets/svg/1f604.svg' title=':smile:'></p>"
    )
    (finding,) = link_targets.check_page(built(html, "# T\n\nHappy :smile:\n"), CONTEXT)
    assert finding.line == 3 and "another website" in finding.what


def test_the_themes_canonical_link_to_the_site_itself_passes():
    head = "<link rel='canonical' href='https://patients.hair-clinic.example/x/'>"
    assert link_targets.check_page(built("<p>x</p>", head=head), CONTEXT) == []
