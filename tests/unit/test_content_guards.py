"""Guards on what a page says, each on planted strings (no project copy, no build): notices whose
date has passed, emoji and layout tables, word-processor marks and markup, keyword titles,
advice that contradicts the reviewed safety snippets, urgency cards without their call, and
clinic facts typed by hand or disagreeing with each other."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sitecheck.engine import Page, SiteContext
from sitecheck.rules.facts import clinic_facts, fact_drift
from sitecheck.rules.page import accessible, dated_notices, finished_text
from sitecheck.rules.source import front_matter, safety_advice, safety_cards
from tests.checks.planted import page, said

TODAY = dt.date(2026, 12, 7)


def context() -> SiteContext:
    return SiteContext(Path("/nonexistent"), {"extra": {"clinic": {}}}, TODAY)


# -- notices whose date has passed ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Our office is closed on Thanksgiving, Thursday, November 26, 2026.", 3),
        ("Spring offer: 10% off your consultation until 31 March 2026.", 3),
        ("The car park is shut from 2026-10-01 through 2026-10-14.", 3),
        ("Closed from December 29 to January 3, 2026.", 3),
        ("Dr Ruiz is away until 11/20/2026; please book with Dr Lee.", 3),
    ],
)
def test_a_notice_whose_date_has_passed_is_refused(text, line):
    found = dated_notices.check_page(page(f"<p>{text}</p>", f"# T\n\n{text}\n"), context())
    assert f"docs/x.md:{line}: this notice's date has passed" in said(found)
    assert "delete the notice, or write the new dates" in said(found)


@pytest.mark.parametrize(
    "text",
    [
        "We are closed from December 24, 2026 to January 2, 2027.",  # still ahead
        "Offer ends Friday, January 15, 2027.",
        "The FDA warned about these products in 2019.",  # history: no day
        "A trial published on March 3, 2021 followed 71 men.",  # a past date, not a notice
    ],
)
def test_dates_still_ahead_and_history_pass(text):
    assert dated_notices.check_page(page(f"<p>{text}</p>", f"# T\n\n{text}\n"), context()) == []


# -- emoji and layout tables -----------------------------------------------------------------
def test_a_coloured_symbol_carrying_meaning_is_refused():
    raw = "# T\n\n- ✅ Washing your hair after 2 days\n- ❌ Swimming in the first week\n"
    body = (
        "<ul><li>✅ Washing your hair after 2 days</li><li>❌ Swimming in the first week</li></ul>"
    )
    found = said(accessible.check_page(page(body, raw), context()))
    assert "docs/x.md:3: the symbol “✅” is typed into the text" in found
    assert "docs/x.md:4: the symbol “❌”" in found
    assert "write the meaning in words" in found


def test_words_and_arrows_pass():
    raw = "# T\n\n- Fine: washing your hair after 2 days → gently.\n"
    body = "<ul><li>Fine: washing your hair after 2 days → gently.</li></ul>"
    assert accessible.check_page(page(body, raw), context()) == []


def test_a_table_without_headings_is_refused_and_a_real_table_passes():
    raw = "# T\n\n| | |\n| --- | --- |\n| Parking is free. | The lift is at the back. |\n"
    body = (
        "<table><thead><tr><th></th><th></th></tr></thead><tbody><tr><td>Parking is free.</td>"
        "<td>The lift is at the back.</td></tr></tbody></table>"
    )
    found = said(accessible.check_page(page(body, raw), context()))
    assert "docs/x.md:3: a table with no column headings" in found
    good = body.replace("<th></th><th></th>", "<th>Getting here</th><th>Inside</th>")
    assert accessible.check_page(page(good, raw), context()) == []


# -- word-processor marks and markup ---------------------------------------------------------
def test_a_word_comment_pasted_with_the_text_is_refused():
    raw = "# T\n\nBring your glasses.[JM3]\n\nComment [JM3]: check with Ana first\n"
    body = "<p>Bring your glasses.[JM3]</p><p>Comment [JM3]: check with Ana first</p>"
    found = said(finished_text.check_page(page(body, raw), context()))
    assert "docs/x.md:3: a reviewer's comment mark from Word or Google Docs (“[JM3]”)" in found
    ok = "<p>Bring your glasses (and a list of your medicines).</p>"
    assert finished_text.check_page(page(ok, "# T\n\n" + ok[3:-4] + "\n"), context()) == []


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ('—8<— "see-a-doctor.md"', "long dashes"),
        ("## Horario { #horario lang=\u2018es\u2019 }", "curly quotes"),
        ("!!! warning “Before you come”", "box's title is in curly quotes"),
    ],
)
def test_markup_a_word_processor_changed_is_refused(line, what):
    found = said(finished_text.check_source(f"# T\n\n{line}\n", "docs/x.md"))
    assert "docs/x.md:3: " in found and what in found


def test_markup_typed_straight_passes():
    raw = '# T\n\n--8<-- "see-a-doctor.md"\n\nHola.\n{ lang="es" }\n\n!!! note "Before you come"\n'
    assert finished_text.typographic_markup(raw, "docs/x.md") == []


# -- titles that are search words -----------------------------------------------------------------
@pytest.mark.parametrize(
    "title",
    [
        "Hair Loss Clinic | Hair Treatment | Affordable",
        "Cheapest stem cell hair treatment near me",
        "Hair regrowth, hair loss treatment, hair clinic, hair doctor",
    ],
)
def test_a_title_of_search_words_is_refused(title):
    raw = (
        f"---\ntitle: {title}\ndescription: What the treatment costs and what the price "
        "covers.\nreviewed: 2026-12-01\nnext_review: 2027-12-01\nreviewed_by: Clinic medical "
        "team\n---\n\n# Cost\n"
    )
    found = said(front_matter.check_front_matter(raw, "docs/x.md", TODAY))
    assert "docs/x.md:2: the title reads as a list of search words" in found


@pytest.mark.parametrize(
    "title", ["The procedure, step by step", "Questions to ask before you agree"]
)
def test_a_plain_title_passes(title):
    assert front_matter.stuffed_title(title) == ""


# -- advice that contradicts the reviewed safety snippets ------------------------------------
@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("If you take warfarin, pause it for 3 days before we inject.", "stop a medicine"),
        ("Si toma aspirina, suspenda la aspirina una semana antes.", "stop a medicine"),
        ("Some redness on day 2 is expected. There is no need to call us.", "not to call"),
        ("For chest pain, get a taxi to the nearest hospital.", "to hospital on their own"),
        ("After hours, WhatsApp Dr Patel on 555 201 7788.", "personal phone"),
        ("Take 2 tablets of paracetamol every 6 hours.", "a dose"),
    ],
)
def test_advice_against_the_reviewed_snippets_is_refused(text, what):
    raw = f"# T\n\n## Aftercare\n\n{text}\n"
    found = said(safety_advice.check_source(raw, "docs/x.md"))
    assert "docs/x.md:5: this " in found and what in found


@pytest.mark.parametrize(
    "text",
    [
        "If you take a blood thinner, do not stop it. Stopping it can cause a stroke.",
        "You can stop the treatment at any time.",
        "Wash your hair gently after 2 days.",
        "Call us if you are not sure. You are never a bother.",
        "About 17% more hairs after 6 months.",
    ],
)
def test_reviewed_style_advice_passes(text):
    assert safety_advice.check_source(f"# T\n\n{text}\n", "docs/x.md") == []


# -- urgency cards keep their call -----------------------------------------------------------
def test_an_urgency_card_without_its_call_is_refused(tmp_path):
    raw = (
        '# T\n\n!!! urgent ""\n\n    --8<-- "urgency-urgent.md"\n\n'
        "    Fill in the form on our contact page.\n\nAfter the card.\n"
    )
    found = said(safety_cards.check_source(raw, "docs/x.md", tmp_path))
    assert "docs/x.md:3: this card includes the reviewed signs of urgency-urgent.md" in found
    assert "tel:{{ clinic.phone_link }}" in found
    good = raw.replace(
        "Fill in the form on our contact page.",
        "Call us on [{{ clinic.phone }}](tel:{{ clinic.phone_link }}).",
    )
    assert safety_cards.check_source(good, "docs/x.md", tmp_path) == []


def test_an_emergency_card_needs_the_emergency_number(tmp_path):
    raw = '!!! emergency ""\n\n    --8<-- "urgency-emergency.md"\n\n    Call us on [{{ clinic.phone }}](tel:{{ clinic.phone_link }}).\n'
    assert "docs/x.md:1:" in said(safety_cards.check_source(raw, "docs/x.md", tmp_path))


# -- clinic facts: typed by hand, and agreeing with each other --------------------------------
@pytest.mark.parametrize(
    ("raw", "fact"),
    [
        (
            "---\ndescription: What happens up to the nine-month review.\n---\n\n# T\n",
            "result_assessment_months",
        ),
        ("# T\n\nThe second session follows 3 weeks after the first.\n", "sessions.interval"),
        ("# T\n\nPara una emergencia, marque el 999.\n", "emergency_number"),
    ],
)
def test_a_clinic_fact_typed_in_any_words_is_refused(raw, fact):
    found = said(fact_drift.check_source(raw, "docs/x.md", {}))
    assert "docs/x.md:" in found and fact in found


def test_session_words_without_a_fact_pass():
    raw = "# T\n\nA micrograft study checked hair at 23 and 44 weeks.\n"
    assert fact_drift.check_source(raw, "docs/x.md", {}) == []


def _facts_file(sessions: str, months: int = 6) -> tuple[dict, str]:
    import yaml

    text = f"clinic:\n  result_assessment_months: {months}\n  sessions:\n{sessions}"
    data = yaml.safe_load(text)
    return data["clinic"], text


def test_a_range_in_words_must_match_its_numbers():
    clinic, text = _facts_file(
        '    later_first_year: "three or four more sessions"\n    later_min: 1\n    later_max: 2\n'
    )
    lines = {("extra", *path): value for path, value in clinic_facts.node_lines(text).items()}
    found = said(clinic_facts._ranges(clinic, lines, "clinic.yml"))
    assert "clinic.yml:4: clinic.sessions.later_first_year says “three or four”" in found
    clinic, text = _facts_file(
        '    later_first_year: "1 or 2 more sessions"\n    later_min: 1\n    later_max: 2\n'
    )
    assert clinic_facts._ranges(clinic, {}, "clinic.yml") == []


def test_months_are_months_not_weeks():
    schema = clinic_facts.load_facts()["result_assessment_months"].schema
    assert schema["maximum"] <= 18


# -- files in the wrong place or form ---------------------------------------------------------
def _pdf(*lines: str, compress: bool = False) -> bytes:
    import zlib

    body = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    data = body.encode("latin-1")
    if compress:
        data = zlib.compress(data)
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n4 0 obj\n<< /Length "
        + str(len(data)).encode()
        + (b" /Filter /FlateDecode" if compress else b"")
        + b" >>\nstream\n"
        + data
        + b"\nendstream\nendobj\n"
    )


def test_a_filled_in_patient_form_as_a_pdf_is_refused(tmp_path):
    from sitecheck.rules.project import published_files

    docs = tmp_path / "docs"
    (docs / "downloads").mkdir(parents=True)
    (docs / "downloads" / "intake.pdf").write_bytes(
        _pdf("New patient intake", "Name of patient: Tom Becker", "DOB: 7/2/1980", compress=True)
    )
    found, refused = published_files.check_docs(docs)
    assert (
        "docs/downloads/intake.pdf:1: the PDF 'downloads/intake.pdf' is a filled-in patient"
        in said(found)
    )
    assert "downloads/intake.pdf" in refused


def test_a_blank_form_passes_and_a_scan_without_text_is_refused(tmp_path):
    from sitecheck.rules.project import file_kinds

    blank = tmp_path / "blank.pdf"
    blank.write_bytes(_pdf("Consent form", "Patient name: ____________", "Signature: ________"))
    assert file_kinds.refusal("blank.pdf", blank) is None
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(
        b"%PDF-1.4\n1 0 obj\n<< /Subtype /Image /Length 3 >>\nstream\nxyz\nendstream\n"
    )
    what, fix = file_kinds.refusal("scan.pdf", scan)
    assert "has no text, only pictures of pages" in what and "export the PDF" in fix


def test_a_menu_entry_commented_out_is_named_in_mkdocs_yml(tmp_path):
    from sitecheck.rules.page import outline

    (tmp_path / "mkdocs.yml").write_text("nav:\n  - Home: index.md\n  # - Prices: prices.md\n")
    ctx = SiteContext(tmp_path, {}, TODAY)
    ctx.sources = {"prices/index.html": "docs/prices.md"}
    lone = Page(
        "prices/index.html",
        "docs/prices.md",
        "<html><body><article><p>x</p></article></body></html>",
        "# P\n",
    )
    found = said(outline.check_menu({"prices/index.html": lone}, ctx))
    assert "mkdocs.yml:3: the menu entry for prices.md is commented out" in found
    (tmp_path / "mkdocs.yml").write_text("nav:\n  - Home: index.md\n")
    assert "docs/prices.md:1: this page is not in the site's menu" in said(
        outline.check_menu({"prices/index.html": lone}, ctx)
    )


def test_a_renamed_page_without_a_redirect_is_named_at_its_menu_line(tmp_path):
    from sitecheck.rules.site import address_ledger

    (tmp_path / address_ledger.LEDGER).write_text("/\nprices/\n")
    (tmp_path / "mkdocs.yml").write_text("nav:\n  - Home: index.md\n  - What it costs: fees.md\n")
    ctx = SiteContext(tmp_path, {}, TODAY)
    ctx.sources = {"index.html": "docs/index.md", "fees/index.html": "docs/fees.md"}
    found = said(address_ledger.check_site({}, ctx))
    assert "mkdocs.yml:3: the page address 'prices/' was published before" in found
    assert "prices/: fees.md" in found


# -- medical advice changed without review ------------------------------------------------------
REVIEWED_PAGE = (
    "---\ntitle: Aftercare\n---\n\n# Aftercare\n\nWe will not treat you if you:\n\n"
    "- have an infection on your scalp\n- take more than 10 mg of prednisolone a day\n\n"
    "Wash your hair gently after 2 days. Swelling goes down within a week.\n"
)


def _reviewed(tmp_path: Path) -> Path:
    from sitecheck.rules.source import medical_review

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "aftercare.md").write_text(REVIEWED_PAGE)
    medical_review.sign(tmp_path, ["docs/aftercare.md"])
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("more than 10 mg", "more than 40 mg", 10),  # a number
        ("Swelling goes down within a week.", "Swelling never goes down.", 12),  # a negation
        ("have an infection on your scalp", "had a heart attack this year", 9),  # medical words
    ],
)
def test_a_reviewed_medical_sentence_changed_in_meaning_stops_the_build(tmp_path, old, new, line):
    from sitecheck.rules.source import medical_review

    project = _reviewed(tmp_path)
    found = medical_review.check_source(
        REVIEWED_PAGE.replace(old, new), "docs/aftercare.md", project
    )
    errors = [f for f in found if f.severity == "error"]
    assert (
        f"docs/aftercare.md:{line}: a reviewed medical sentence was changed without review"
        in said(errors)
    )


def test_a_new_treatment_or_unknown_term_stops_the_build(tmp_path):
    from sitecheck.rules.source import medical_review

    project = _reviewed(tmp_path)
    raw = REVIEWED_PAGE + "\nWe now offer laser caps for hair loss at home.\n"
    assert "docs/aftercare.md:14: this new medical sentence offers" in said(
        medical_review.check_source(raw, "docs/aftercare.md", project)
    )
    raw = REVIEWED_PAGE + "\nSome people try polynucleotide injections for thinning hair.\n"
    assert "the term “polynucleotide”" in said(
        medical_review.check_source(raw, "docs/aftercare.md", project)
    )


def test_a_new_medical_sentence_is_a_notice_and_a_typo_fix_builds(tmp_path):
    from sitecheck.rules.source import medical_review

    project = _reviewed(tmp_path)
    raw = REVIEWED_PAGE.replace("Wash your hair gently", "Wash your hair gentley") + (
        "\nA friend or family member can drive you home after the treatment.\n"
    )
    found = medical_review.check_source(raw, "docs/aftercare.md", project)
    assert found and all(f.severity == "notice" for f in found)
    assert "docs/aftercare.md:14: this medical sentence is not reviewed yet" in said(found)
    assert medical_review.refusals(project) == []  # the page on disk is still as signed
    (project / "docs" / "aftercare.md").write_text(raw)
    assert len(medical_review.refusals(project)) == len(found)  # ./run deploy refuses
    medical_review.sign(project, ["docs/aftercare.md"])
    assert medical_review.check_source(raw, "docs/aftercare.md", project) == []
    cut = raw.replace("- have an infection on your scalp\n", "")
    assert "a reviewed medical sentence was removed here" in said(
        medical_review.check_source(cut, "docs/aftercare.md", project)
    )


@pytest.mark.parametrize(
    ("old", "new", "refused"),
    [
        ("first_course: 2", "first_course: 10", True),  # not a course of sessions
        ('interval: "TO BE CONFIRMED BY THE CLINIC: x"', 'interval: "6"', True),  # no unit
        ('interval: "TO BE CONFIRMED BY THE CLINIC: x"', 'interval: "4 to 6 weeks"', False),
        ('interval: "TO BE CONFIRMED BY THE CLINIC: x"', 'interval: "a month"', False),
    ],
)
def test_facts_are_checked_with_their_units(old, new, refused):
    import yaml

    text = 'clinic:\n  sessions:\n    first_course: 2\n    interval: "TO BE CONFIRMED BY THE CLINIC: x"\n'
    text = text.replace(old, new)
    data = {"extra": yaml.safe_load(text)}
    found = [
        f
        for f in clinic_facts.check_facts(data, text, "clinic.yml", ("extra",))
        if re.search(r"sessions\.(first_course|interval) ", f.what)
    ]
    assert bool(found) == refused, said(found)
    if refused:
        assert found[0].line in (3, 4) and found[0].fix


# -- more kinds of the same mistakes -----------------------------------------------------------
def test_an_e_mail_thread_pasted_with_the_text_is_refused():
    text = "From: Front desk Sent: Tuesday, 3 November 2026 To: Dr Ruiz Subject: parking text"
    found = said(finished_text.check_page(page(f"<p>{text}</p>", f"# T\n\n{text}\n"), context()))
    assert "docs/x.md:3: an e-mail's headers or a comment thread" in found
    ok = "Send your questions to us before the visit. We answer on working days."
    assert finished_text.check_page(page(f"<p>{ok}</p>", f"# T\n\n{ok}\n"), context()) == []


def test_a_snippet_name_in_curly_quotes_is_refused():
    found = said(
        finished_text.typographic_markup("# T\n\n--8<-- \u201csee-a-doctor.md\u201d\n", "docs/x.md")
    )
    assert "docs/x.md:3: the snippet's file name is in curly quotes" in found


def test_colour_as_the_only_meaning_is_refused_and_red_skin_passes():
    raw = "# T\n\nThe signs in red need a call today.\n"
    found = said(
        accessible.check_page(page("<p>The signs in red need a call today.</p>", raw), context())
    )
    assert "docs/x.md:3: the text gives meaning by colour alone (“in red”)" in found
    ok = "Call us if the skin is red, hot and swollen."
    assert accessible.check_page(page(f"<p>{ok}</p>", f"# T\n\n{ok}\n"), context()) == []


@pytest.mark.parametrize(
    ("body", "what"),
    [
        (
            '<p lang="pt">Hablamos español en la clínica y le llamamos por teléfono.</p>',
            "marked as Portuguese",
        ),
        (  # a friend's Portuguese pasted into the Spanish box: close words, not the same
            '<p lang="es">Temos intérpretes por telefone, sem custo para você.</p>',
            "looks Portuguese but is marked as Spanish",
        ),
        (  # …and as one sentence of a Spanish paragraph
            '<p lang="es">Esta información está en inglés. Para recibir ayuda en español, '
            "llámenos al teléfono de la clínica. Temos intérpretes por telefone, sem custo "
            "para você.</p>",
            "looks Portuguese but is marked as Spanish",
        ),
        ('<p lang="sp-">Hablamos español.</p>', "is not a language code"),
        (
            '<p lang="es">You can call us on weekdays and we will answer your questions.</p>',
            "reads as English",
        ),
    ],
)
def test_a_wrong_language_mark_is_refused(body, what):
    from sitecheck.rules.page import language

    found = said(language.check_page(page(body, "# T\n\n" + body + "\n"), context()))
    assert what in found


def test_a_right_language_mark_passes():
    from sitecheck.rules.page import language

    for text in (
        "Hablamos español en la clínica y le llamamos por teléfono.",
        "Tenemos intérpretes por teléfono, sin costo para usted.",
    ):
        body = f'<p lang="es">{text}</p>'
        assert language.check_page(page(body, "# T\n\n" + body + "\n"), context()) == []


def test_a_paragraph_of_search_words_is_refused_and_prose_passes():
    from sitecheck.rules.page import search_tricks

    text = (
        "Hair clinic Springfield, hair doctor Springfield, stem cell Springfield, "
        "regrowth Springfield, baldness cure Springfield, Springfield hair loss."
    )
    found = said(search_tricks.check_page(page(f"<p>{text}</p>", f"# T\n\n{text}\n"), context()))
    assert "docs/x.md:3: this text repeats the search word “springfield”" in found
    prose = (
        "Our plan starts with 2 sessions, 4 weeks apart. Then a few later sessions, spread over "
        "the year, and more sessions only if the first sessions helped, which we check."
    )
    assert search_tricks.check_page(page(f"<p>{prose}</p>", f"# T\n\n{prose}\n"), context()) == []


def test_a_description_of_search_words_is_refused():
    raw = (
        "---\ntitle: Cost\ndescription: Affordable hair treatment prices | cheap hair clinic | "
        "hair regrowth cost\nreviewed: 2026-12-01\nnext_review: 2027-12-01\nreviewed_by: Clinic "
        "medical team\n---\n\n# Cost\n"
    )
    assert "docs/x.md:3: the description reads as a list of search words" in said(
        front_matter.check_front_matter(raw, "docs/x.md", TODAY)
    )


def test_symbols_markdown_writes_itself_pass():
    body = (
        '<p>The price is fixed.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
        '<div class="footnote"><ol><li id="fn:1"><p>For one course.&#160;<a class="footnote-backref" '
        'href="#fnref:1">&#8617;</a></p></li></ol></div>'
    )
    raw = "# T\n\nThe price is fixed.[^1]\n\n[^1]: For one course.\n"
    assert accessible.check_page(page(body, raw), context()) == []


def _reviewed_snippet(tmp_path: Path) -> Path:
    from sitecheck.rules.source import medical_review

    card = "- chest pain or trouble breathing\n- a drooping face or weak arm\n\nDo not drive yourself.\n"
    (tmp_path / "docs" / "snippets").mkdir(parents=True)
    (tmp_path / "docs" / "snippets" / "urgency-stroke.md").write_text(card)
    medical_review.sign(tmp_path, ["docs/snippets/urgency-stroke.md"])
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("- a drooping face or weak arm\n", "", "was removed"),  # a sign taken out
        ("Do not drive yourself.", "Do not drive yourself, if you can.", "was changed"),
    ],
)
def test_any_change_to_a_reviewed_safety_card_stops_the_build(tmp_path, old, new, what):
    from sitecheck.rules.source import medical_review

    project = _reviewed_snippet(tmp_path)
    file = "docs/snippets/urgency-stroke.md"
    raw = (project / file).read_text().replace(old, new)
    found = [f for f in medical_review.check_source(raw, file, project) if f.severity == "error"]
    assert f"{file}:" in said(found) and what in said(found) and "medical reviewer" in said(found)
    assert medical_review.check_source((project / file).read_text(), file, project) == []


def test_a_sign_added_to_a_reviewed_safety_card_builds_and_waits_for_review(tmp_path):
    """The doctor adds a sign: a notice (./run deploy holds it), not a refusal; an instruction
    added to the card is still stopped like any new instruction about care."""
    from sitecheck.rules.source import medical_review

    project = _reviewed_snippet(tmp_path)
    file = "docs/snippets/urgency-stroke.md"
    card = (project / file).read_text()
    raw = card.replace("weak arm\n", "weak arm\n- a red rash that spreads\n")
    found = medical_review.check_source(raw, file, project)
    assert f"{file}:3: this medical sentence is not reviewed yet" in said(found)
    assert all(f.severity == "notice" for f in found)
    raw = card + "\nDo not call us before the morning.\n"
    found = medical_review.check_source(raw, file, project)
    assert "this is a new instruction about care" in said(found)
    assert any(f.severity == "error" for f in found)


def test_a_new_care_instruction_stops_the_build_and_a_new_answer_builds(tmp_path):
    from sitecheck.rules.source import medical_review

    project = _reviewed(tmp_path)
    raw = REVIEWED_PAGE + "\nApply ice to your scalp for 20 minutes every hour.\n"
    assert "docs/aftercare.md:14: this is a new instruction about care" in said(
        medical_review.check_source(raw, "docs/aftercare.md", project)
    )
    for allowed in (
        "**For your scalp:** you can swim and use a sauna the next day.",
        "You can drive yourself home after the treatment.",
    ):
        raw = REVIEWED_PAGE + f"\n{allowed}\n"
        assert "docs/aftercare.md:14: this is a new instruction about care" in said(
            medical_review.check_source(raw, "docs/aftercare.md", project)
        )
    raw = REVIEWED_PAGE + "\nMost people go back to work the next day after the treatment.\n"
    found = medical_review.check_source(raw, "docs/aftercare.md", project)
    assert found and all(f.severity == "notice" for f in found)


def test_medical_sentences_are_told_by_whole_medical_words():
    """'number' holds 'numb', 'scarves' holds 'scar', 'Sunday' holds 'sun': none is medical."""
    from sitecheck.rules.source.medical_review import sentences

    everyday = "Call the phone number below. Hats and scarves are cheap. We are shut on Sunday."
    assert sentences(everyday) == []
    medical = "Numbness fades in a day. A small scar may stay. Keep out of the sun for a week."
    assert [s for _, s in sentences(medical)] == [
        "Numbness fades in a day.",
        "A small scar may stay.",
        "Keep out of the sun for a week.",
    ]


def test_a_renamed_page_keeps_its_review_and_a_copy_does_not(tmp_path):
    from sitecheck.rules.source import medical_review

    project = _reviewed(tmp_path)
    advice = "\nDo not take aspirin for a week.\n"
    # a copy: the reviewed page is still there, so the new page's instruction is unreviewed
    found = medical_review.check_source(REVIEWED_PAGE + advice, "docs/copy.md", project)
    assert "docs/copy.md:14: this is a new instruction about care" in said(found)
    # renamed (the old file gone): the reviewed sentences follow it, only the new one is flagged
    (project / "docs" / "aftercare.md").rename(project / "docs" / "after-care.md")
    assert medical_review.check_source(REVIEWED_PAGE, "docs/after-care.md", project) == []
    found = medical_review.check_source(REVIEWED_PAGE + advice, "docs/after-care.md", project)
    assert said(found).count("this is a new instruction about care") == 1
    assert medical_review.refusals(project) == []


# -- clinic.yml's medical facts are reviewed like the safety cards --------------------------------
FACTS = (
    "clinic:\n"
    "  phone: 555-0100\n"
    '  pain_relief: "TO BE CONFIRMED BY THE CLINIC: which pain relief to use"\n'
    "  not_for:\n"
    "    - condition: diabetes\n"
    "      ask: I have diabetes.\n"
    "    - condition: a need for blood-thinning medicine\n"
    "      ask: I take a medicine that thins my blood.\n"
)


def _facts_reviewed(tmp_path: Path) -> Path:
    from sitecheck.rules.source import medical_review

    (tmp_path / "docs").mkdir()
    (tmp_path / "clinic.yml").write_text(FACTS)
    medical_review.sign(tmp_path, ["clinic.yml"])
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # a dose typed in from memory where the clinic's answer was awaited
            '"TO BE CONFIRMED BY THE CLINIC: which pain relief to use"',
            '"Take 2 Extra Strength Tylenol every 3 hours."',
            "clinic.yml:3: this is a new instruction about care that no medical reviewer has read"
            ": “pain_relief: Take 2",
        ),
        (  # a contraindication tidied away
            "    - condition: a need for blood-thinning medicine\n"
            "      ask: I take a medicine that thins my blood.\n",
            "",
            "a reviewed medical fact was removed: “condition: a need for blood-thinning",
        ),
    ],
)
def test_a_changed_medical_fact_stops_the_build(tmp_path, old, new, expected):
    from sitecheck.rules.source import medical_review

    project = _facts_reviewed(tmp_path)
    (project / "clinic.yml").write_text(FACTS.replace(old, new))
    errors = [f for f in medical_review.check_facts(project) if f.severity == "error"]
    assert expected in said(errors)
    assert medical_review.refusals(project)  # and ./run deploy refuses it


def test_a_new_phone_number_needs_no_medical_review(tmp_path):
    from sitecheck.rules.source import medical_review

    project = _facts_reviewed(tmp_path)
    (project / "clinic.yml").write_text(FACTS.replace("555-0100", "555-0199"))
    assert medical_review.check_facts(project) == []


def test_a_link_address_names_no_new_term(tmp_path):
    from sitecheck.rules.source import medical_review

    project = _reviewed(tmp_path)
    link = "\nRead about hair loss: [MedlinePlus](https://medlineplus.gov/hairloss.html).\n"
    assert "the term" not in said(
        medical_review.check_source(REVIEWED_PAGE + link, "docs/aftercare.md", project)
    )
    term = "\nRead about hair loss and trichodynia on [MedlinePlus](https://medlineplus.gov/).\n"
    assert "the term “trichodynia”" in said(
        medical_review.check_source(REVIEWED_PAGE + term, "docs/aftercare.md", project)
    )


@pytest.mark.parametrize(
    "advice",
    [
        "Take two paracetamol every four hours if it hurts.",  # a medicine by its name
        "Put on a little cream twice a day.",  # a dose without a medicine's name
        "Take 1000 mg at night.",
    ],
)
def test_a_new_dose_is_advice_about_care(tmp_path, advice):
    from sitecheck.rules.source import medical_review

    project = _reviewed(tmp_path)
    found = medical_review.check_source(
        f"{REVIEWED_PAGE}\n{advice}\n", "docs/aftercare.md", project
    )
    assert "docs/aftercare.md:14: this is a new instruction about care" in said(found)


def test_a_reviewed_fact_changed_stops_and_a_placeholder_answered_waits_for_deploy(tmp_path):
    from sitecheck.rules.source import medical_review

    project = _facts_reviewed(tmp_path)
    changed = FACTS.replace("condition: diabetes", "condition: diabetes that needs insulin")
    (project / "clinic.yml").write_text(changed)
    errors = [f for f in medical_review.check_facts(project) if f.severity == "error"]
    assert "clinic.yml:5: this reviewed medical fact was changed" in said(errors)
    # The clinic answers the pain-relief question in words that are not an instruction: it
    # builds, with a notice, and ./run deploy waits for the medical reviewer.
    answered = FACTS.replace(
        '"TO BE CONFIRMED BY THE CLINIC: which pain relief to use"',
        '"ask our nurse which pain relief suits you"',
    )
    (project / "clinic.yml").write_text(answered)
    found = medical_review.check_facts(project)
    assert [f.severity for f in found] == ["notice"]
    assert "clinic.yml:3: this medical sentence is not reviewed yet" in said(found)
    assert medical_review.refusals(project)


# -- claims in what the theme prints, and in a quotation under a box's title -----------------------
def _claims(raw: str) -> str:
    from sitecheck.rules.claims.check import check_claims
    from sitecheck.rules.claims.concepts import load_rules

    rules = load_rules(Path(__file__).resolve().parents[2] / "sitecheck/rules/claims/rules.yml")
    return said(check_claims(raw, "docs/index.md", rules).findings)


def test_claims_in_the_home_pages_hero_and_a_treatments_status_are_named():
    head = "---\ntitle: Home\ntemplate: home.html\n"
    raw = head + 'procedure_status: "FDA-registered; clinically proven"\n---\n\n# Home\n'
    assert "docs/index.md:4: medical claim “FDA-registered”" in _claims(raw)
    raw = head + 'hero_answer: "Yes. It regrows thicker hair for most patients."\n---\n\n# H\n'
    assert "docs/index.md:4: medical claim" in _claims(raw)
    honest = head + 'procedure_status: "Not approved by the FDA for hair loss; unproven"\n---\n'
    assert _claims(honest + "\n# Home\n") == ""


def test_a_patients_quotation_under_a_box_title_is_a_testimonial():
    story = '"I hid under a cap for years. Now my crown has filled in." Kevin D.'
    raw = f'# T\n\n!!! quote "A patient\'s story"\n    {story}\n'
    assert 'docs/index.md:4: medical claim “"I” (Success rate or testimonial' in _claims(raw)


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        ("leave a message on our main line and we will call you back the next working day", True),
        ("call our on-call doctor on +1 212 555 0234", False),
        ("TO BE CONFIRMED BY THE CLINIC: the number to call at night", False),
    ],
)
def test_the_out_of_hours_fact_must_give_a_number_to_call(value, refused):
    import yaml

    text = f'clinic:\n  out_of_hours: "{value}"\n'
    data = {"extra": yaml.safe_load(text)}
    found = [
        f
        for f in clinic_facts.check_facts(data, text, "clinic.yml", ("extra",))
        if "out_of_hours" in f.what
    ]
    assert bool(found) == refused, said(found)
    if refused:
        assert "clinic.yml:2: the setting" in said(found) and "phone number" in found[0].fix


def test_the_words_of_the_sites_scripts_are_reviewed_and_their_code_is_not(tmp_path):
    from sitecheck.rules.source import medical_review

    file = "docs/javascripts/check.js"
    script = (
        'var NONE = "You have not ticked anything. Only a doctor can tell, after tests.";\n'
        'box.querySelector("input[type=checkbox]");\n'
    )
    (tmp_path / "docs" / "javascripts").mkdir(parents=True)
    (tmp_path / file).write_text(script)
    medical_review.sign(tmp_path, [file])
    changed = script.replace("Only a doctor can tell, after tests.", "So you can have it!")
    (tmp_path / file).write_text(changed)
    found = said(medical_review.check_scripts(tmp_path))
    assert f"{file}:1: a reviewed medical sentence was changed without review" in found
    assert "now “So you can have it!”" in found
    (tmp_path / file).write_text(script.replace("var NONE", "const NONE").replace("box.", "b."))
    assert medical_review.check_scripts(tmp_path) == []
    (tmp_path / file).write_text(script + 'var MORE = "Please ask your own doctor first.";\n')
    found = medical_review.check_scripts(tmp_path)
    assert [f.severity for f in found] == ["notice"], said(found)


def test_a_heading_typed_in_bold_capitals_is_named_and_a_bold_label_passes():
    from sitecheck.rules.page.outline import typed_headings

    raw = "# Contact\n\n**WHAT TO BRING**\n\nYour medicines.\n"
    assert "docs/x.md:3: the line “WHAT TO BRING” is made to look like a heading" in said(
        typed_headings(page("<p><strong>WHAT TO BRING</strong></p>", raw))
    )
    label = "# Options\n\n**FDA status**\n\nApproved.\n\n**Cost**\n\nAbout 900 USD.\n"
    assert typed_headings(page("<p><strong>FDA status</strong></p>", label)) == []


def test_a_change_late_in_a_long_sentence_is_shown_where_it_differs():
    from sitecheck.rules.source.medical_review import _changed_parts

    start = "Call 911 for chest pain, trouble breathing " + "and more words here " * 4
    was, now = _changed_parts(start + "or fainting.", start + "or sudden loss of sight.")
    assert was != now and "fainting" in was and "sudden loss of sight" in now
    assert _changed_parts("Take one tablet.", "Take two tablets.") == (
        "Take one tablet.",
        "Take two tablets.",
    )
