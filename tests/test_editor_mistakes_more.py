"""Editors' mistakes that the page renders without any error, so only a check can say them:
each planted in a copy, then ./run build must stop with the message at its file and line, and
no traceback. (The mistakes that stop the site before any page is built are in the catalogue,
tests/data/editor_mistakes.yml.)"""

from __future__ import annotations

import pytest

from devtools.site import ROOT
from sitecheck.rules.page.leftovers import empty_boxes
from tests.checks import mistakes

COST = (ROOT / "docs" / "cost.md").read_text(encoding="utf-8")
WHAT_WE_WILL_NOT_DO = "## What we will not do\n"


def run_build(root) -> str:
    """The build's output; it must stop, without a traceback."""
    result = mistakes.run_build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    return output


def line_of(text: str, mark: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if mark in line)


# (what the editor typed below "## What we will not do", the message)
BOXES = [
    (
        '!!! warning "Careful"\n  Indented by two spaces.\n',
        "the box '!!! warning \"Careful\"' is empty on the page: the line below it is indented "
        "by 2 spaces, not 4, so its text shows outside the box. Fix: indent each line of the "
        "box's text by exactly 4 spaces more than the '!!!' line",
    ),
    (
        '!!! note "Good to know"\nThe text, typed on the next line.\n',
        "the box '!!! note \"Good to know\"' is empty on the page: no line below it is indented "
        "by 4 spaces, so its text shows outside the box.",
    ),
]


@pytest.mark.parametrize(("typed", "says"), BOXES, ids=["two-spaces", "not-indented"])
def test_a_box_whose_text_is_not_indented_stops_the_build(project, typed, says):
    """The box rendered empty and its text as a paragraph below it: no warning at all."""
    project.replace("docs/cost.md", WHAT_WE_WILL_NOT_DO, f"{WHAT_WE_WILL_NOT_DO}\n{typed}")
    planted = project.path("docs/cost.md").read_text(encoding="utf-8")
    where = f"docs/cost.md:{line_of(planted, typed.split(chr(10))[0])}"
    output = run_build(project.root)
    assert f"{where}: {says}" in output, output


def test_boxes_written_as_the_cheat_sheet_says_are_not_reported():
    template = (ROOT / "templates" / "new-page.md").read_text(encoding="utf-8")
    assert "!!!" in template and "???" in template and "===" in template
    assert empty_boxes(template, "templates/new-page.md") == []
    nested = '- A list item\n\n    !!! note "Inside the list"\n\n        Its text.\n'
    assert empty_boxes(nested, "docs/x.md") == []


def test_a_tab_without_quotes_around_its_name_stops_the_build(project):
    """'=== Fat' (no quotes) is not a tab: the page showed '=== Fat' and a grey code block."""
    typed = "=== Fat-derived cells\n\n    The text of the tab.\n"
    project.replace("docs/cost.md", WHAT_WE_WILL_NOT_DO, f"{WHAT_WE_WILL_NOT_DO}\n{typed}")
    planted = project.path("docs/cost.md").read_text(encoding="utf-8")
    output = run_build(project.root)
    where = f"docs/cost.md:{line_of(planted, '=== Fat-derived')}"
    assert f"{where}: a tab ('=== \"Tab\"') was not rendered" in output, output
    assert "with the name in straight double quotes" in output


def test_a_file_name_with_a_space_is_refused_with_the_name_to_use(project):
    """Before, the only message was that the GitHub edit link was 'not a well-formed web address'."""
    text = COST.replace("title: Cost", "title: Aftercare").replace("# Cost", "# Aftercare")
    project.write("docs/After care.md", text)
    project.add_to_menu("After care.md")
    output = run_build(project.root)
    assert (
        "docs/After care.md:1: the name of 'After care.md' has a space: its address on the web "
        "would be broken or garbled, and links to it fail. Fix: rename it to 'after-care.md'"
    ) in output, output
    assert "not a well-formed web address" not in output


def test_a_fault_in_a_check_itself_is_one_sentence_not_a_traceback(tmp_path, monkeypatch, capsys):
    """A check that crashes on an input nobody foresaw printed Python's traceback to the editor."""
    from sitecheck.drivers import build as mkdocs_run
    from sitecheck.rules.project import preflight

    def broken(project):
        raise TypeError("unsupported operand")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(preflight, "check_project", broken)
    assert mkdocs_run.main(["build"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "The build failed in a way the checks do not recognise (TypeError: unsupported "
        "operand). Fix: undo your last change, or ask a developer; the details are in "
        "reports/build.log.\n"
    )
    assert "Traceback" in (tmp_path / "reports" / "build.log").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("docs/methods.md", "methods.md"), ("Methods.md", "methods.md")],
    ids=["folder-typed", "capitals"],
)
def test_a_link_to_a_page_written_the_wrong_way_names_the_page(project, typed, meant):
    """The message said only 'check the spelling', and named a built path (cost/docs/...)."""
    project.replace("docs/cost.md", "[methods](methods.md)", f"[methods]({typed})")
    planted = project.path("docs/cost.md").read_text(encoding="utf-8")
    output = run_build(project.root)
    where = f"docs/cost.md:{line_of(planted, f'({typed})')}"
    assert f"{where}: link '{typed}' points to a page or file that does not exist" in output
    assert f"Did you mean '{meant}'? Write a page's file name as it is in docs/" in output, output


EMERGENCY = 'emergency_number: "911"'
PLACEHOLDER = "TO BE CONFIRMED BY THE CLINIC: the emergency number"


def test_the_emergency_number_placeholder_is_shown_and_refused_by_deploy(project):
    """Until the clinic confirms it, the placeholder shows as is, like the other facts only the
    clinic can give; ./run deploy refuses it. (The number itself accepted anything before.)"""
    from sitecheck.rules.facts.deploy_gate import example_settings
    from sitecheck.rules.project import preflight

    project.replace("clinic.yml", EMERGENCY, f'emergency_number: "{PLACEHOLDER}"')
    planted = project.path("clinic.yml").read_text(encoding="utf-8")
    assert preflight.check_project(project.root) == []
    assert (
        f"clinic.yml:{line_of(planted, PLACEHOLDER)}: emergency_number is still a "
        f"placeholder: '{PLACEHOLDER}'. Write the clinic's real answer in its place."
    ) in example_settings(planted, "clinic.yml")


def test_a_missing_emergency_number_is_named_at_extra(project):
    from sitecheck.rules.project import preflight

    project.replace("clinic.yml", EMERGENCY + "\n", "")
    found = [str(f) for f in preflight.check_project(project.root)]
    assert any(
        f.startswith("clinic.yml")
        and "the setting emergency_number (the emergency number patients are told to call) "
        "is missing"
        in f
        and "Fix: add it: write the emergency number" in f
        for f in found
    ), found


def test_a_heading_that_skips_a_level_stops_the_build(project):
    """'##' then '####' built silently; screen-reader users navigate by headings (WCAG 1.3.1)."""
    typed = "#### Paying in instalments\n\nAsk us about paying in parts.\n"
    project.replace("docs/cost.md", WHAT_WE_WILL_NOT_DO, f"{WHAT_WE_WILL_NOT_DO}\n{typed}")
    planted = project.path("docs/cost.md").read_text(encoding="utf-8")
    output = run_build(project.root)
    assert (
        f"docs/cost.md:{line_of(planted, '#### Paying')}: the heading '#### Paying in "
        "instalments' skips a level: it comes after a '##' heading, so screen-reader users, who "
        "move through a page by its headings, hear a gap and may think a section is missing. "
        "Fix: start it with '###' (one '#' more than the '##' heading above it): headings go "
        "down one level at a time."
    ) in output, output


def test_a_review_date_in_quotes_is_told_to_lose_its_quotes(project):
    """The message said "'reviewed' is not a date ('2026-11-20')", a date the editor can see."""
    reviewed = next(line for line in COST.split("\n") if line.startswith("reviewed: "))
    date = reviewed.split(": ", 1)[1]
    project.replace("docs/cost.md", reviewed, f'reviewed: "{date}"')
    output = run_build(project.root)
    assert (
        f"docs/cost.md:{line_of(COST, 'reviewed: ')}: 'reviewed' is written in quotes, so "
        f"{date} is read as text, not as a date. Fix: remove the quotes: reviewed: {date}"
    ) in output, output
    assert "is not a date" not in output


def test_a_page_listed_twice_in_the_menu_is_named_at_its_second_line(project):
    """MkDocs showed the page twice in the menu, without a word."""
    from sitecheck.rules.project import preflight

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    project.replace("mkdocs.yml", "  - Help:\n", "  - Help:\n      - What it costs: cost.md\n")
    planted = project.path("mkdocs.yml").read_text(encoding="utf-8")
    found = [str(f) for f in preflight.check_project(project.root)]
    assert found == [
        f"mkdocs.yml:{line_of(planted, 'What it costs')}: the menu (nav) lists 'cost.md' a "
        f"second time (it is already at line {line_of(config, '- Cost: cost.md')}), so patients "
        "would see it twice in the menu. Fix: delete one of the two lines."
    ]


def test_an_unknown_emoji_code_stops_the_build_and_times_do_not(project):
    """':thumbs-up:' (the index has ':thumbsup:') was shown as typed; 10:30 and 9:30:15 are times."""
    typed = "Open from 10:30 to 17:00, doors at 9:30:15 :smile: and we are glad :thumbs-up: here.\n"
    project.replace("docs/cost.md", WHAT_WE_WILL_NOT_DO, f"{WHAT_WE_WILL_NOT_DO}\n{typed}")
    planted = project.path("docs/cost.md").read_text(encoding="utf-8")
    output = run_build(project.root)
    # The same finding twice, in the log and in the summary: one message.
    (message,) = {
        line[line.find("docs/") :] for line in output.splitlines() if "emoji code" in line
    }
    assert message.startswith(
        f"docs/cost.md:{line_of(planted, 'Open from 10:30')}: an emoji code (':name:') was not "
        "recognised; the page shows: “"
    )
    assert ":thumbs-up:" in message
    assert "Fix: check its spelling in Material's emoji search" in message
