"""The diagrams on a 360 px phone in light and dark: no axe violation on their pages, labels of
16 px or more inside the picture, no layout shift, black and white on paper. Screenshots of
each diagram go to reports/screenshots/diagram-NAME-SCHEME.png for a person to look at.
"""

import pytest

from devtools.site import ROOT
from tests.checks.browser_audit import AXE_TAGS, PHONE, Visitor, axe_problems, page_url
from tests.checks.browser_diagrams import (
    after_next_frames,
    label_problems,
    layout_shift,
    print_colour_problems,
)
from tests.checks.diagrams import PLACEMENTS
from tests.checks.problems import assert_none, at

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "reports" / "screenshots"
SCHEMES = ("light", "dark")


@pytest.fixture(scope="module")
def diagram_visits(browser, site_server, built_site):
    """Each page with a diagram, per scheme at phone width: what axe and the checks found."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visits, shot = [], set()
    for scheme in SCHEMES:
        visitor = Visitor(browser, scheme=scheme, viewport=PHONE)
        try:
            for html, names in PLACEMENTS.items():
                record = visitor.open(page_url(site_server, html), built_site.source_of(html))
                visitor.run_axe()
                page = visitor.page
                visit = {
                    "where": record.where,
                    "axe": axe_problems(record),
                    "labels": label_problems(page),
                    "shift": layout_shift(page),
                    "print": print_colour_problems(page),
                }
                for name in names:
                    if (name, scheme) not in shot:
                        target = SCREENSHOTS / f"diagram-{name}-{scheme}.png"
                        target.unlink(missing_ok=True)
                        page.locator(f"figure.hc-diagram--{name}").first.screenshot(path=target)
                        shot.add((name, scheme))
                visits.append(visit)
        finally:
            visitor.close()
    return visits


def test_every_diagram_page_was_visited_in_both_schemes(diagram_visits):
    assert len(diagram_visits) == len(SCHEMES) * len(PLACEMENTS)


def test_no_axe_violations_on_diagram_pages_at_phone_width(diagram_visits):
    problems = [p for visit in diagram_visits for p in visit["axe"]]
    assert_none(problems, f"axe-core ({', '.join(AXE_TAGS)}) found violations at 360 px")


def test_labels_are_16px_or_more_and_inside_the_picture(diagram_visits):
    problems = [
        at(
            visit["where"],
            text,
            "shorten the label or give it font-size 16 or more in macros/diagrams/",
        )
        for visit in diagram_visits
        for text in visit["labels"]
    ]
    assert_none(problems, "diagram labels are too small or cut off on a 360 px phone")


def test_no_layout_shift(diagram_visits):
    shifts = {visit["where"]: visit["shift"] for visit in diagram_visits}
    assert all(shift == 0 for shift in shifts.values()), shifts


def test_diagrams_print_in_black_and_white(diagram_visits):
    problems = [
        at(visit["where"], text, "add the class to the print block of theme.css")
        for visit in diagram_visits
        for text in visit["print"]
    ]
    assert_none(problems, "diagrams print in colour")


def test_screenshots_of_each_diagram_were_written(diagram_visits):
    names = {name for on_page in PLACEMENTS.values() for name in on_page}
    for name in names:
        for scheme in SCHEMES:
            target = SCREENSHOTS / f"diagram-{name}-{scheme}.png"
            assert target.is_file() and target.stat().st_size > 5_000, f"{target} looks blank"


# The checks themselves find planted faults.


@pytest.fixture
def results_page(browser, site_server):
    visitor = Visitor(browser, scheme="light", viewport=PHONE)
    try:
        visitor.open(site_server + "results/", "docs/results.md")
        yield visitor.page
    finally:
        visitor.close()


def test_label_check_finds_small_and_cut_off_labels(results_page):
    assert label_problems(results_page) == []
    results_page.evaluate("""() => {
      const labels = document.querySelectorAll('figure.hc-diagram text');
      labels[0].setAttribute('font-size', '10');
      labels[1].textContent = 'a label far too long to fit into the picture on a phone';
    }""")
    found = label_problems(results_page)
    assert any("is 10.3 px, under 16 px" in text for text in found), found
    assert any("runs past the edge of the picture" in text for text in found), found


def test_layout_shift_check_finds_a_shift(results_page):
    assert layout_shift(results_page) == 0
    after_next_frames(results_page)
    results_page.evaluate("""() => {
      const block = document.createElement('div');
      block.style.height = '200px';
      document.querySelector('article').prepend(block);
    }""")
    after_next_frames(results_page)
    assert layout_shift(results_page) > 0


def test_print_check_finds_a_colour(results_page):
    assert print_colour_problems(results_page) == []
    results_page.evaluate(
        "() => document.querySelector('figure.hc-diagram .hc-d-hair').removeAttribute('class')"
    )
    found = print_colour_problems(results_page)
    assert any("fill rgb(93, 64, 55) is a colour" in text for text in found), found
