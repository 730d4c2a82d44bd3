"""Issue 28's guards as pure functions on planted strings: finished text, personal data, links,
language, facts, pictures and the address ledger. No project copy, no build."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest

from sitecheck.engine import Page, SiteContext
from sitecheck.rules.facts import fact_drift
from sitecheck.rules.facts.page_placeholders import placeholders_in_docs
from sitecheck.rules.page import finished_text, language, link_quality, personal_data
from sitecheck.rules.site import address_ledger
from sitecheck.rules.source import pictures
from tests.checks.planted import page, said

FACTS = {
    "name": "Example Hair Clinic",
    "phone": "+1 555-0134",
    "phone_link": "+15550134",
    "email": "appointments@hair-clinic.example",
    "address": "12 Example Street, Springfield",
    "price": {"amount": 1650, "currency": "USD", "includes": ["a"], "excludes": ["b"]},
    "later_what": "TO BE CONFIRMED BY THE CLINIC: what a later session is",
}


def context(tmp_path: Path | None = None, facts=FACTS) -> SiteContext:
    return SiteContext(
        tmp_path or Path("/nonexistent"), {"extra": {"clinic": facts}}, dt.date(2026, 12, 1)
    )


# -- finished text -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "raw", "expected"),
    [
        (
            "<p>Lorem ipsum dolor sit amet.</p>",
            "# T\n\nLorem ipsum dolor sit amet.\n",
            "docs/x.md:3: placeholder Latin",
        ),
        (
            "<p>Hours: [INSERT HOURS HERE].</p>",
            "# T\n\nHours: [INSERT HOURS HERE].\n",
            "docs/x.md:3: a placeholder",
        ),
        (
            "<p>TODO ask the doctor</p>",
            "# T\n\nTODO ask the doctor\n",
            "docs/x.md:3: a note for the editors",
        ),
        (
            "<p>Sure! Here is a warmer version of the section.</p>",
            "# T\n\nSure! Here is a warmer version of the section.\n",
            "docs/x.md:3: a chatbot's words to the person who asked it (“Sure! Here is”)",
        ),
        ("<p>• one\n• two</p>", "# T\n\n• one\n• two\n", "docs/x.md:3: a list typed with"),
        (
            "<p>1) <strong>We listen.</strong></p>",
            "# T\n\n1) **We listen.**\n",
            "docs/x.md:3: a numbered list",
        ),
        ("<p>a | b | c</p>", "# T\n\na | b | c\n", "docs/x.md:3: a table written with '|'"),
        (
            "<p>Service      Price\nConsultation     95</p>",
            "# T\n\nService      Price\nConsultation     95\n",
            "columns lined up",
        ),
        ("<p>Text[^1] here.</p>", "# T\n\nText[^1] here.\n", "docs/x.md:3: a footnote reference"),
        (
            "<pre><code>These pages give general information.</code></pre>",
            "# T\n\n    These pages give general information.\n",
            "docs/x.md:3: a paragraph indented",
        ),
        (
            "<h2>Thyroid</h2><h2>Tests</h2><p>Text.</p>",
            "# T\n\n## Thyroid\n\n## Tests\n\nText.\n",
            "docs/x.md:3: the heading “Thyroid” has nothing",
        ),
        (
            "<h2>Price</h2><p>a</p><h2>Price</h2><p>b</p>",
            "# T\n\n## Price\n\na\n\n## Price\n\nb\n",
            "docs/x.md:7: two headings",
        ),
        (
            "<h2>Other clinics may charge more.</h2>",
            "# T\n\nOther clinics may charge more.\n---\n",
            "docs/x.md:4: the line '---'",
        ),
    ],
)
def test_unfinished_or_unrendered_text_is_named_at_its_line(body, raw, expected):
    assert expected in said(finished_text.check_page(page(body, raw), context()))


@pytest.mark.parametrize(
    ("body", "raw"),
    [
        (
            "<p>A proper footnote.<sup><a href='#fn:1'>1</a></sup></p><div class='footnote'><ol><li><p>The note.</p></li></ol></div>",
            "# T\n\nA proper footnote.[^1]\n\n[^1]: The note.\n",
        ),
        (
            "<p>Open 9:00\u201317:00, “Monday \u2013 Friday”.</p>",
            "# T\n\nOpen 9:00\u201317:00, “Monday \u2013 Friday”.\n",
        ),
        (  # the nearest legitimate sentence: the clinic tells patients what the page holds
            "<p>Here is a summary of the costs. Let us know if you have questions.</p>",
            "# T\n\nHere is a summary of the costs. Let us know if you have questions.\n",
        ),
        (
            "<table><tr><td>Ferritin</td><td>Iron</td></tr></table>",
            "# T\n\n| Ferritin | Iron |\n| --- | --- |\n",
        ),
        (
            "<p>What a later session is: TO BE CONFIRMED BY THE CLINIC: what a later session is</p>",
            "# T\n\nWhat a later session is: {{ clinic.later_what }}\n",
        ),
        (
            "<div class='highlight'><pre><code>## Heading</code></pre></div>",
            "# T\n\n```\n## Heading\n```\n",
        ),
    ],
)
def test_finished_text_lets_legitimate_pages_through(body, raw):
    assert finished_text.check_page(page(body, raw), context()) == []


def test_conflict_markers_and_template_text_are_named_in_the_source(tmp_path):
    raw = "# T\n\n<<<<<<< HEAD\nOne.\n=======\nTwo.\n>>>>>>> other\n"
    found = said(finished_text.check_source(raw, "docs/snippets/glossary.md"))
    assert "docs/snippets/glossary.md:3: a merge-conflict marker" in found
    assert "docs/snippets/glossary.md:7:" in found
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/new-page.md").write_text(
        "---\ntitle: T\n---\n\n# Page title\n\nStart with the answer in one or two short sentences.\n"
    )
    raw = "# Aftercare\n\nStart with the answer in one or two short sentences.\n"
    assert "docs/a.md:3: the new-page template's example text" in said(
        finished_text.check_source(raw, "docs/a.md", tmp_path)
    )


def test_text_from_the_sources_file_is_named_in_the_sources_file(tmp_path):
    (tmp_path / "docs/snippets").mkdir(parents=True)
    (tmp_path / "docs/snippets/sources.yml").write_text(
        'sources:\n  - anchor: a\n    finding: "??? Dr Lee to fill in"\n'
    )
    found = finished_text.check_page(
        page("<p>What it found: ??? Dr Lee to fill in</p>", "# Sources\n\n{{ sources_list() }}\n"),
        context(tmp_path),
    )
    assert "docs/snippets/sources.yml:3:" in said(found)


# -- personal data -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ask John Miller, jmiller1962@gmail.com.", "e-mail address that is not the clinic's"),
        (
            "Text Dr. Karen Lee on (217) 555-0199 at any time.",
            "phone number that is not the clinic's",
        ),
        ("Our old office at 44 Maple Avenue is closed.", "postal address that is not the clinic's"),
        ("17:30 D. Novak (first visit, diabetic).", "names a person (“D. Novak”)"),
        (
            "Two sessions of stem cells later my crown filled in. Kevin D., 44, teacher",
            "names a person (“Kevin D.”)",
        ),
    ],
)
def test_personal_data_is_refused(text, expected):
    raw = f"# T\n\n{text}\n"
    found = said(personal_data.check_page(page(f"<p>{text}</p>", raw), context()))
    assert expected in found and "docs/x.md:3:" in found


def test_a_note_in_a_comment_is_published_and_checked_and_markers_pass():
    note = "<!-- Mrs Dana Whitfield, cell 555-0199, called about pus. -->"
    found = said(
        personal_data.check_page(page(f"<p>Hello.</p>{note}", f"# T\n\n{note}\n"), context())
    )
    assert "docs/x.md:3: the page shows a phone number that is not the clinic's (555-0199)" in found
    assert "names a person (“Mrs Dana Whitfield”)" in found
    marker = "<!-- claim-ok: true of minoxidil (Drugs@FDA) -->"
    assert (
        personal_data.check_page(page(f"<p>Hi.</p>{marker}", f"# T\n\n{marker}\n"), context()) == []
    )


def test_the_clinics_own_details_and_confirmed_names_pass():
    text = "Call +1 555-0134 or write to appointments@hair-clinic.example at 12 Example Street."
    assert personal_data.check_page(page(f"<p>{text}</p>", f"# T\n\n{text}\n"), context()) == []
    text = "Dr Karen Lee reviewed the treatment and its side effects."
    raw = f"# T\n\n{text}\n<!-- not a patient: Dr Karen Lee -->\n"
    assert personal_data.check_page(page(f"<p>{text}</p>", raw), context()) == []


# -- links -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("href", "text", "expected"),
    [
        ("procedure.md", "here", "does not say where it goes"),
        ("https://bit.ly/3xYz", "NHS advice", "link shortener"),
        ("https://www.google.com/url?sa=t&url=https://nhs.uk", "NHS", "redirect"),
        ("http://127.0.0.1:8000/cost/", "Cost", "private network"),
        ("https://hairclinic.sharepoint.com/sites/Staff/a.docx", "aftercare", "internal network"),
        ("https://www-x-edu.ezproxy.lib.uic.edu/paper", "paper", "library proxy"),
        ("file:///C:/Users/me/a.pdf", "sheet", "file on a computer"),
        (
            "https://docs.google.com/document/d/1kq9XhR2/edit?usp=sharing",
            "aftercare sheet",
            "a shared working document",
        ),
        ("https://www.dropbox.com/s/abc/aftercare.pdf?dl=0", "aftercare", "working document"),
        ("", "Book now", "has no address"),
    ],
)
def test_links_patients_cannot_use_are_named(href, text, expected):
    raw = f"# T\n\nRead [{text}]({href}) now.\n"
    html = f'<p>Read <a href="{href}">{text}</a> now.</p>'
    found = said(link_quality.check_page(page(html, raw), context()))
    assert expected in found and "docs/x.md:3:" in found


def test_a_link_that_says_where_it_goes_passes():
    html = '<p>Read <a href="../procedure/">the procedure, step by step</a>.</p>'
    assert link_quality.check_page(page(html, "# T\n"), context()) == []
    # The nearest legitimate link: a public health page, not a shared document.
    html = (
        '<p>See <a href="https://medlineplus.gov/hairloss.html">MedlinePlus on hair loss</a>.</p>'
    )
    assert link_quality.check_page(page(html, "# T\n"), context()) == []


# -- language ----------------------------------------------------------------------------------
def test_a_paragraph_in_another_language_needs_its_language():
    text = "El primer ciclo cuesta unos 1650 USD. Llámenos para más información."
    found = said(language.check_page(page(f"<p>{text}</p>", f"# T\n\n{text}\n"), context()))
    assert "docs/x.md:3: this text looks Spanish" in found and 'lang="es"' in found
    marked = f'<p lang="es">{text}</p>'
    assert language.check_page(page(marked, f'# T\n\n{text}\n{{ lang="es" }}\n'), context()) == []
    english = "There are no trackers: no analytics, no advertising, no buttons that tell others."
    assert language.check_page(page(f"<p>{english}</p>", "# T\n"), context()) == []


# -- facts -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("From 2027 the first course costs about **1790 USD**.", "a price (“1790 USD”)"),
        ("Our cost for the kit is $380.", "a price"),
        ("You have 3 sessions close together.", "clinic.sessions.first_course"),
        ("We check your result at 3 months.", "clinic.result_assessment_months"),
        ("In an emergency, call 999.", "not the emergency number"),
    ],
)
def test_facts_typed_by_hand_are_refused(line, expected):
    found = said(fact_drift.check_source(f"# T\n\n{line}\n", "docs/x.md", FACTS))
    assert expected in found and "docs/x.md:3:" in found


def test_study_figures_and_template_values_pass():
    raw = (
        "# T\n\nIn studies, people had 3 sessions, 45 days apart. It helps after 4 months.\n\n"
        "You have {{ clinic.sessions.first_course }} sessions. It costs {{ clinic.price.amount }}"
        " {{ clinic.price.currency }}.\n"
    )
    assert fact_drift.check_source(raw, "docs/x.md", FACTS) == []


def test_facts_that_contradict_each_other_or_the_country(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        'extra:\n  clinic:\n    phone: "+1 555-0188"\n    phone_link: "+15550134"\n'
        "    price:\n      includes:\n        - blood tests\n      excludes:\n        - blood tests\n"
        '  emergency_number: "999"\n'
    )
    facts = {
        "phone": "+1 555-0188",
        "phone_link": "+15550134",
        "price": {"includes": ["blood tests"], "excludes": ["blood tests"]},
    }
    ctx = SiteContext(
        tmp_path, {"extra": {"clinic": facts, "emergency_number": "999"}}, dt.date.today()
    )
    found = said(fact_drift.check_facts({}, ctx))
    assert "mkdocs.yml:4: the phone number shown" in found
    assert "mkdocs.yml:9: “blood tests” is listed both" in found
    assert "mkdocs.yml:10: the emergency number is 999" in found


# -- pictures ----------------------------------------------------------------------------------
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("door.heic", b"\x00\x00\x00\x20ftypheic\x00\x00\x00\x00", "is a HEIC file"),
        ("door.jpg", b"\x00\x00\x00\x20ftypheic\x00\x00\x00\x00", "is a HEIC file"),
        ("scan.tif", b"II*\x00\x08\x00\x00\x00", "is a TIFF file"),
        ("list.pdf", b"%PDF-1.4\n", "is a PDF file"),
    ],
)
def test_pictures_browsers_cannot_show_are_named_by_content(tmp_path, name, data, expected):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / name).write_bytes(data)
    raw = f"# T\n\n![The clinic's front door](images/{name})\n"
    found = said(pictures.check_pictures(raw, "docs/x.md", tmp_path))
    assert f"docs/x.md:3: the picture 'images/{name}' {expected}" in found
    assert "JPEG" in found


def test_result_photos_pictures_of_text_and_capitals(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "Drawing.png").write_bytes(PNG)
    (tmp_path / "images" / "before-after.png").write_bytes(PNG)
    raw = (
        "# T\n\n![A drawing of a hair](images/drawing.png)\n\n"
        "![A man's head](images/before-after.png)\n\n![Our price list for 2027](images/Drawing.png)\n"
    )
    found = said(pictures.check_pictures(raw, "docs/x.md", tmp_path))
    assert (
        "docs/x.md:3: the picture 'images/drawing.png' is not found: the file is called 'Drawing.png'"
        in found
    )
    assert "docs/x.md:5: the picture 'images/before-after.png' looks like a result" in found
    assert "docs/x.md:7: the picture 'images/Drawing.png' shows text or a table" in found


def test_a_still_png_and_gif_pass_an_animated_gif_does_not(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(PNG)
    still = base64.b64decode("R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=")
    frame = b"\x21\xf9\x04\x00\x0a\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00"
    moving = still[: 13 + 6] + frame + frame + b"\x3b"
    (tmp_path / "images" / "still.gif").write_bytes(still)
    (tmp_path / "images" / "moving.gif").write_bytes(moving)
    raw = "# T\n\n![A hair](images/a.png)\n\n![A teal square](images/still.gif)\n"
    assert pictures.check_pictures(raw, "docs/x.md", tmp_path) == []
    found = said(
        pictures.check_pictures("# T\n\n![A sign](images/moving.gif)\n", "docs/x.md", tmp_path)
    )
    assert "animated GIF" in found


# -- address ledger ----------------------------------------------------------------------------
def test_a_vanished_address_needs_a_redirect_and_gets_a_static_page(tmp_path):
    (tmp_path / address_ledger.LEDGER).write_text("# ledger\n/\nwomen/\ncost/\n")
    site = tmp_path / "site"
    site.mkdir()
    ctx = context(tmp_path)
    ctx.sources = {
        "index.html": "docs/index.md",
        "cost/index.html": "docs/cost.md",
        "hair-loss-in-women/index.html": "docs/hair-loss-in-women.md",
    }
    ctx.site_dir = site
    found = said(address_ledger.check_site({}, ctx))
    assert "published-addresses.txt:3: the page address 'women/' was published before" in found
    assert "women/: hair-loss-in-women.md" in found
    (tmp_path / address_ledger.REDIRECTS).write_text(
        "redirects:\n  women/: hair-loss-in-women.md\n"
    )
    assert address_ledger.check_site({}, ctx) == []
    written = (site / "women/index.html").read_text()
    assert 'http-equiv="refresh" content="0; url=../hair-loss-in-women/"' in written
    assert "<script" not in written and "style" not in written
    assert "women/index.html" in ctx.outputs


def test_a_redirect_to_a_missing_page_is_named(tmp_path):
    (tmp_path / address_ledger.LEDGER).write_text("/\nwomen/\n")
    (tmp_path / address_ledger.REDIRECTS).write_text("redirects:\n  women/: womens.md\n")
    ctx = context(tmp_path)
    ctx.sources = {"index.html": "docs/index.md"}
    assert "redirects.yml:2: the address 'women/' is sent to 'womens.md'" in said(
        address_ledger.check_site({}, ctx)
    )


def test_new_addresses_are_recorded(tmp_path):
    added = address_ledger.record(
        tmp_path, {"index.html": "docs/index.md", "a/index.html": "docs/a.md"}
    )
    assert added == ["/", "a/"]
    assert address_ledger.record(tmp_path, {"index.html": "docs/index.md"}) == []
    assert "a/" in (tmp_path / address_ledger.LEDGER).read_text()


def test_deploy_refuses_a_placeholder_typed_into_a_page(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/contact.md").write_text("# C\n\nHours: TO BE CONFIRMED BY THE CLINIC\n")
    assert placeholders_in_docs(tmp_path)[0].startswith("docs/contact.md:3: a placeholder")


def test_an_emptied_or_cut_mkdocs_yml_gives_one_message(tmp_path):
    from sitecheck.rules.project import config_whole

    (tmp_path / "mkdocs.yml").write_text("")
    assert [f.what for f in config_whole.check(tmp_path)] == [
        "mkdocs.yml is empty: the site's settings are gone."
    ]
    real = (Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("\n".join(real.split("\n")[:60]) + "\n")
    found = config_whole.check(tmp_path)
    assert (
        len(found) == 1
        and "stops short: it has no plugins, markdown_extensions, nav" in found[0].what
    )
    (tmp_path / "mkdocs.yml").write_text(real)
    assert config_whole.check(tmp_path) == []


def test_staff_secrets_copied_furniture_and_unrendered_links_are_named():
    text = "After 6 pm use the staff door. The door code is 4471#."
    found = said(personal_data.check_page(page(f"<p>{text}</p>", f"# T\n\n{text}\n"), context()))
    assert "docs/x.md:3: the page gives away something only staff should know" in found
    text = "© 2005 - 2026 WebMD LLC. All rights reserved."
    found = said(finished_text.check_page(page(f"<p>{text}</p>", f"# T\n\n{text}\n"), context()))
    assert "docs/x.md:3: text copied from another website" in found
    text = "Report at [MedWatch](https://www.fda.gov/safety/medwatch)."
    found = said(finished_text.check_page(page(f"<p>{text}</p>", f"# T\n\n{text}\n"), context()))
    assert "docs/x.md:3: a link written as [text](address) shows as typed" in found


def test_a_staff_login_link_and_an_intranet_menu_entry_are_refused(tmp_path):
    href = "https://book.hair-clinic.example/admin/calendar?staff_token=8f3a"
    html = f'<p>Book <a href="{href}">a consultation</a>.</p>'
    assert "private key" in said(link_quality.check_page(page(html, "# T\n"), context()))
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nnav:\n  - Home: index.md\n  - Rota: https://x.sharepoint.com/Rota.xlsx\n"
    )
    found = said(link_quality.check_menu({}, context(tmp_path)))
    assert "mkdocs.yml:4: the menu entry's address" in found


def test_a_copied_pages_settings_are_named():
    from sitecheck.rules.source import copied_page

    raw = "---\ntitle: Cost\ndescription: What it costs.\ntemplate: home.html\n---\n\n# Aftercare\n"
    found = said(copied_page.check_source(raw, "docs/aftercare.md"))
    assert "docs/aftercare.md:4: the page uses the home page's layout" in found
    assert "docs/aftercare.md:2: the title “Cost”" in found
    assert copied_page.check_source(raw.replace("# Aftercare", "# Cost"), "docs/index.md") == []
    one = Page(
        "cost/index.html", "docs/cost.md", "<html></html>", "---\ntitle: Cost\n---\n# Cost\n"
    )
    two = Page("b/index.html", "docs/b.md", "<html></html>", "---\ntitle: Cost\n---\n# B\n")
    found = said(copied_page.check_site({"a": one, "b": two}, context()))
    assert "docs/cost.md:2: this page has the same title as docs/b.md" in found


def test_a_mistyped_box_kind_is_named_with_the_kind_meant():
    raw = '# T\n\n!!! emergancy "Call 911 now if you"\n    - faint\n\n!!! note "Fine"\n    Text.\n'
    found = said(finished_text.check_source(raw, "docs/x.md"))
    assert "docs/x.md:3: the box kind 'emergancy' is not one the site knows" in found
    assert "did you mean 'emergency'?" in found and "docs/x.md:6" not in found


def test_a_staging_site_address_is_refused(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://staging.patients.example/\n"
    )
    ctx = SiteContext(
        tmp_path, {"site_url": "https://staging.patients.example/", "extra": {}}, dt.date.today()
    )
    assert "mkdocs.yml:2: the site's address" in said(fact_drift.check_facts({}, ctx))
    ctx = SiteContext(
        tmp_path,
        {"site_url": "https://patients.hair-clinic.example/", "extra": {}},
        dt.date.today(),
    )
    assert fact_drift.check_facts({}, ctx) == []


def test_on_github_a_new_address_must_be_in_the_ledger(tmp_path, monkeypatch):
    (tmp_path / address_ledger.LEDGER).write_text("# ledger\n/\n")
    ctx = context(tmp_path)
    ctx.sources = {"index.html": "docs/index.md", "aftercare/index.html": "docs/aftercare.md"}
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert address_ledger.check_site({}, ctx) == []
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert "published-addresses.txt:3: the new page address 'aftercare/'" in said(
        address_ledger.check_site({}, ctx)
    )


def test_markdown_in_a_glossary_explanation_is_named_in_the_glossary(tmp_path):
    (tmp_path / "docs/snippets").mkdir(parents=True)
    tip = "The FDA's program. Report at [MedWatch](https://www.fda.gov/safety/medwatch)."
    (tmp_path / "docs/snippets/glossary.md").write_text(
        f"*[FDA]: The agency.\n*[MedWatch]: {tip}\n"
    )
    html = f'<p>Use <abbr title="{tip}">MedWatch</abbr>.</p>'
    found = said(finished_text.check_page(page(html, "# T\n\nUse MedWatch.\n"), context(tmp_path)))
    assert "docs/snippets/glossary.md:2: a glossary explanation shows Markdown" in found


def test_glossary_words_that_differ_only_in_capitals_are_named():
    from sitecheck.rules.source import glossary_capitals

    raw = "*[PRP]: Platelet-rich plasma.\n*[SVF]: Cells.\n*[prp]: Blood plasma.\n"
    found = said(glossary_capitals.check_source(raw, "docs/snippets/glossary.md"))
    assert "docs/snippets/glossary.md:3: 'prp' and 'PRP' (line 1) differ only in capitals" in found
