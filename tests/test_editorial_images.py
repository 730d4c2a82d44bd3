"""Images exist, stay within 200 KB, are stored on the site, and have meaningful alternative text."""

import pytest

from tests.checks.editorial import editorial_problems
from tests.checks.problems import report
from tests.conftest import page


def plant(project, body: str, size: int = 2000) -> str:
    project.write("docs/images/scalp-before.jpg", "")
    # A JPEG's first bytes: pictures are judged by their content, not their name.
    project.path("docs/images/scalp-before.jpg").write_bytes(b"\xff\xd8\xff" + b"\xff" * (size - 3))
    project.write("docs/pic.md", page("Pic", body))
    return report(editorial_problems(project.root), "")


def test_good_image_passes(project):
    assert (
        plant(project, "![A scalp with thinning hair at the crown](images/scalp-before.jpg)")
        == "0 problem(s): "
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "![](images/scalp-before.jpg)",
            "the image 'images/scalp-before.jpg' has no alternative text",
        ),
        (
            "![Image](images/scalp-before.jpg)",
            "has alternative text that says nothing about it (“Image”)",
        ),
        (
            "![scalp-before.jpg](images/scalp-before.jpg)",
            "says nothing about it (“scalp-before.jpg”)",
        ),
        ("![Scalp before](images/scalp-before.jpg)", "says nothing about it (“Scalp before”)"),
        ('<img src="images/scalp-before.jpg">', "has no alternative text"),
        ("![Picture of a scalp](images/scalp-before.jpg)", "starts with “Picture …”"),
        ("![A scalp](images/no-such.jpg)", "the image file 'images/no-such.jpg' does not exist."),
        ("![A scalp](https://cdn.example.com/a.jpg)", "is loaded from another website"),
    ],
)
def test_image_fault_is_reported_with_line_and_fix(project, body, expected):
    messages = plant(project, body)
    assert "docs/pic.md:11: " in messages
    assert expected in messages
    assert "Fix:" in messages


def test_image_over_200_kb_is_reported(project):
    messages = plant(project, "![A scalp with thin hair](images/scalp-before.jpg)", size=210 * 1024)
    assert (
        "docs/pic.md:11: the image 'images/scalp-before.jpg' is 210 KB; the limit is 200 KB"
        in messages
    )
