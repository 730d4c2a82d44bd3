"""Raw HTML that runs code, embeds other sites or hides text is refused on the built page
(sitecheck/rules/page/raw_html.py), with the Markdown line; harmless HTML and code examples are fine.

All cases are planted in one project copy and built once: one page per case."""

import pytest

from tests.conftest import ProjectCopy, page

REFUSED = {
    "script": ("<script>alert(1)</script>", "raw HTML <script> is not allowed"),
    "iframe": ('<iframe src="https://maps.example.com"></iframe>', "raw HTML <iframe> is not"),
    "object": ('<object data="x.swf"></object>', "raw HTML <object> is not allowed"),
    "embed": ('<embed src="x.swf">', "raw HTML <embed> is not allowed"),
    "onclick": ('<a href="../cost/" onclick="track()">Cost</a>', "<a onclick=...> runs code"),
    "onerror": ('<img src="a.svg" alt="A scalp" onerror="x()">', "<img onerror=...> runs code"),
    "md-js": ("[Cost](javascript:alert(1))", "a link uses a 'javascript:' address"),
    "html-js": ('<a href="javascript:void(0)">Cost</a>', "a link uses a 'javascript:' address"),
    "hidden": ('<span style="display: none">hidden</span>', 'style="display: none" on <span>'),
    "white": ('<p style="color:#fff">white</p>', 'style="color:#fff" on <p> changes how'),
    "tiny": ('<div style="font-size:0">tiny</div>', 'style="font-size:0" on <div>'),
    # Allowed tags only, but a browser moves the paragraph out of the table: lxml and nh3
    # (html5ever, as browsers parse) disagree about what the page holds.
    "two-readings": ("<table><p>moved</p></table>", "can be read in two ways"),
}
HARMLESS = {
    "abbr": '<abbr title="platelet-rich plasma">PRP</abbr> and <strong>bold</strong>',
    "code": "Write `<script>` in code to show it.",
    "fence": "```html\n<iframe src=x></iframe>\n```",
    "word": "The word onclick= in text is not a tag.",
    "table": "| Step | Weeks |\n| :---: | ---: |\n| Review | 6 |\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = ProjectCopy(tmp_path_factory.mktemp("raw") / "project")
    for name, (body, _) in REFUSED.items():
        project.write(f"docs/raw-{name}.md", page("Raw", body))
    for name, body in HARMLESS.items():
        project.write(f"docs/ok-{name}.md", page("Ok", body))
    return project.build()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unsafe_html_is_refused_with_line_and_fix(built, name):
    found = [str(f) for f in built.findings("raw-html") if f.file == f"docs/raw-{name}.md"]
    text = "\n".join(found)
    assert f"docs/raw-{name}.md:11: " in text, text
    assert REFUSED[name][1] in text, text
    assert "Fix: " in text


@pytest.mark.parametrize("name", sorted(HARMLESS))
def test_harmless_html_and_code_examples_pass(built, name):
    found = built.findings("raw-html", "inline-code")
    assert [str(f) for f in found if f.file == f"docs/ok-{name}.md"] == []
