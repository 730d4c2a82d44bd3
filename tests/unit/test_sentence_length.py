"""No sentence on a patient page runs over 25 words, outside quotations (sentence_length.py)."""

from __future__ import annotations

from sitecheck.engine import Page
from sitecheck.rules.page.sentence_length import MAX_WORDS, check_page

LONG = (
    "This treatment takes fat from your belly and then the clinic prepares the cells in a lab "
    "before a doctor injects them into the thin parts of your scalp on the same day."
)


def page(body: str, raw: str = "") -> Page:
    html = f"<html><body><article class='md-content__inner'>{body}</article></body></html>"
    return Page("x/index.html", "docs/x.md", html, raw or body)


def test_a_long_sentence_is_named_at_its_source_line_with_the_fix():
    raw = "---\ntitle: X\n---\n\n# X\n\n" + LONG + "\n"
    (found,) = check_page(page(f"<h1>X</h1><p>{LONG}</p>", raw), None)
    assert found.file == "docs/x.md" and found.line == 7
    assert f"a sentence of {len(LONG.split())} words" in found.what
    assert "“This treatment takes fat from your belly and …”" in found.what
    assert found.fix.startswith("split it in two")


def test_short_sentences_list_items_and_headings_pass():
    body = (
        "<h2>What happens on the day</h2><p>We take a little fat. Then we prepare it.</p>"
        "<p>Call us if you have:</p><ul><li>a fever</li><li>pain that gets worse</li></ul>"
    )
    assert check_page(page(body), None) == []


def test_a_quotation_keeps_its_words():
    quoted = f"<p>The FDA says: “{LONG}”</p><blockquote><p>{LONG}</p></blockquote>"
    assert check_page(page(quoted), None) == []


def test_a_placeholder_waiting_for_the_clinic_is_not_counted():
    text = "What we inject: TO BE CONFIRMED BY THE CLINIC: " + " ".join(["word"] * 40) + "."
    assert check_page(page(f"<p>{text}</p>"), None) == []


def test_exactly_the_limit_passes_and_one_more_word_fails():
    words = " ".join(["word"] * MAX_WORDS)
    assert check_page(page(f"<p>{words.capitalize()}.</p>"), None) == []
    assert len(check_page(page(f"<p>{words.capitalize()} more.</p>"), None)) == 1
