"""Raw HTML that runs code, embeds other sites or hides text is refused; harmless HTML is fine."""

import pytest

from tests.checks.editorial import editorial_problems
from tests.checks.problems import report
from tests.conftest import page


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<script>alert(1)</script>", "raw HTML <script> is not allowed"),
        ('<iframe src="https://maps.example.com"></iframe>', "raw HTML <iframe> is not allowed"),
        ('<object data="x.swf"></object>', "raw HTML <object> is not allowed"),
        ('<embed src="x.swf">', "raw HTML <embed> is not allowed"),
        ('<a href="cost/" onclick="track()">Cost</a>', "the HTML attribute 'onclick=' runs code"),
        (
            '<img src="a.svg" alt="A scalp" onerror="x()">',
            "the HTML attribute 'onerror=' runs code",
        ),
        ("[Cost](javascript:alert(1))", "a link uses a 'javascript:' address"),
        ('<a href="javascript:void(0)">Cost</a>', "a link uses a 'javascript:' address"),
        ('<span style="display: none">hidden</span>', 'style="display: none" hides text'),
        ('<p style="color:#fff">white</p>', "hides text from readers (color:#fff)"),
        ('<div style="font-size:0">tiny</div>', "hides text from readers (font-size:0)"),
    ],
)
def test_unsafe_html_is_refused_with_line_and_fix(project, body, expected):
    project.write("docs/raw.md", page("Raw", body))
    messages = report(editorial_problems(project.root), "")
    assert "docs/raw.md:11: " in messages
    assert expected in messages


@pytest.mark.parametrize(
    "body",
    [
        '<span style="font-weight: bold">Bold</span> and <abbr title="platelet-rich plasma">PRP</abbr>',
        "Write `<script>` in code to show it.",
        "```html\n<iframe src=x></iframe>\n```",
        "The word onclick= in text is not a tag.",
    ],
)
def test_harmless_html_and_code_examples_pass(project, body):
    project.write("docs/ok.md", page("Ok", body))
    assert editorial_problems(project.root) == []
