"""Front matter: every required field, real dates, honest review dates, a real description."""

import datetime as dt

import pytest

from tests.checks.editorial import editorial_problems
from tests.checks.problems import report

GOOD = {
    "title": "Aftercare",
    "description": "What to do in the days after treatment, and when to call the clinic.",
    "reviewed": "2026-11-01",
    "next_review": "2027-11-01",
    "reviewed_by": "Clinic medical team",
}


def plant(project, **fields) -> str:
    values = {**GOOD, **fields}
    lines = [f"{k}: {v}" for k, v in values.items() if v is not None]
    project.write("docs/fm.md", "---\n" + "\n".join(lines) + "\n---\n\n# Aftercare\n\nText.\n")
    return report(editorial_problems(project.root), "")


# A week ahead, so a run that crosses midnight still plants a future date.
NEXT_WEEK = dt.date.today() + dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"title": None}, "docs/fm.md:2: the front matter has no 'title'."),
        ({"description": None}, "docs/fm.md:2: the front matter has no 'description'."),
        ({"reviewed": None}, "docs/fm.md:2: the front matter has no 'reviewed'."),
        ({"next_review": None}, "docs/fm.md:2: the front matter has no 'next_review'."),
        ({"reviewed_by": None}, "docs/fm.md:2: the front matter has no 'reviewed_by'."),
        ({"reviewed_by": "''"}, "docs/fm.md:6: the front matter has no 'reviewed_by'."),
        ({"title": "2026"}, "docs/fm.md:2: 'title' must be text, not int."),
        ({"reviewed": "last spring"}, "docs/fm.md:4: 'reviewed' is not a date ('last spring')."),
        ({"reviewed": "2026-02-30"}, "docs/fm.md:4: a date in the front matter does not exist"),
        ({"reviewed": str(NEXT_WEEK), "next_review": str(NEXT_WEEK + dt.timedelta(days=30))},
         f"docs/fm.md:4: 'reviewed' is in the future ({NEXT_WEEK})."),
        ({"next_review": "2026-10-01"}, "docs/fm.md:5: 'next_review' (2026-10-01) is not after 'reviewed' (2026-11-01)."),
        ({"next_review": "2029-11-02"}, "docs/fm.md:5: 'next_review' (2029-11-02) is more than 3 years after 'reviewed'"),
        ({"description": "Aftercare."}, "docs/fm.md:3: the description is too short to say what the page is about (10 characters)."),
        ({"description": "x" * 161}, "docs/fm.md:3: the description has 161 characters; search engines cut it after 160."),
        ({"reviewed_by": "Dr Jane Example"}, "docs/fm.md:6: 'reviewed_by' names a person ('Dr Jane Example'); the site names roles."),
    ],
)  # fmt: skip
def test_front_matter_fault_is_reported(project, fields, expected):
    assert expected in plant(project, **fields)


def test_limits_themselves_are_accepted(project):
    assert plant(project, description="x" * 160, next_review="2029-11-01") == "0 problem(s): "


def test_page_without_front_matter_is_reported(project):
    project.write("docs/bare.md", "# Bare\n\nText.\n")
    messages = report(editorial_problems(project.root), "")
    assert "docs/bare.md:1: the page has no front matter" in messages
    assert "reviewed_by: Clinic medical team" in messages


def test_several_faults_are_all_reported(project):
    messages = plant(project, title=None, description="Short.", next_review="2031-01-01")
    assert "3 problem(s)" in messages


def test_field_written_twice_is_reported(project):
    """YAML keeps only the last of two equal keys; the first would vanish without a word."""
    project.write(
        "docs/twice.md",
        "---\ntitle: Aftercare\ndescription: What to do in the days after treatment, and when to"
        " call us.\nreviewed: 2026-11-01\ntitle: After care\nnext_review: 2027-11-01\n"
        "reviewed_by: Clinic medical team\n---\n\n# Aftercare\n\nText.\n",
    )
    messages = report(editorial_problems(project.root), "")
    assert "docs/twice.md:5: the field 'title' is written twice (lines 2 and 5)" in messages
    result = project.build()
    assert result.returncode != 0
    assert "docs/twice.md:5: the field 'title' is written twice" in result.output
