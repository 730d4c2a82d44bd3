"""The browser checks catch the faults they exist for: planted in a throw-away copy of the site.

One copy holds all the planted faults on one page, so this also shows that a run with several
faults reports every one of them.
"""

import pytest

from devtools.serve import serve
from tests.checks.browser_audit import (
    audit_site,
    axe_problems,
    overflow_problems,
    print_problems,
    request_problems,
)
from tests.checks.problems import report
from tests.conftest import ProjectCopy

pytestmark = pytest.mark.browser

PLANTED = """---
title: Planted faults
description: A page with faults planted by the browser tests.
---

# Planted faults

<p style="color: #777777">This grey text is too faint to read on white and on dark.</p>

<img src="../assets/images/favicon.png">

<script src="https://cdn.tracker.example/track.js"></script>

<script src="../planted-error.js"></script>

<script src="../planted-cookie.js"></script>

<style>@media print { .md-header { display: block !important; } }</style>

<style>@media print { .md-typeset a::after { content: none !important; } }</style>

Read about [the cost](cost.md).

<img src="../no-such-picture.png" alt="A picture that was never added">

<div style="width: 900px">A box wider than any phone.</div>

| Column one heading | Column two heading | Column three heading | Column four heading | Column five heading |
| --- | --- | --- | --- | --- |
| Averyveryverylongwordthatcannotwrap | Anotherveryverylongwordthatcannotwrap | Stillmorewordsthatcannotwrap | Andmorewordsthatcannotwrap | Lastwordthatcannotwrapatall |

<p class="tiny">
<a href="#planted-faults" style="display: inline-block; width: 12px; height: 12px">1</a><a href="#planted-faults" style="display: inline-block; width: 12px; height: 12px">2</a>
</p>
"""


@pytest.fixture(scope="module")
def planted(tmp_path_factory, browser):
    project = ProjectCopy(tmp_path_factory.mktemp("planted") / "project")
    project.write("docs/planted.md", PLANTED)
    build = project.build()
    assert build.returncode == 0, build.output
    # The build refuses script files in docs/ (they are not a kind it publishes): these are put
    # into the served folder directly, to prove the browser audit catches what they do.
    (build.site / "planted-error.js").write_text('throw new Error("planted script failure");\n')
    (build.site / "planted-cookie.js").write_text('document.cookie = "visitor=planted; path=/";\n')
    with serve(build.site) as base_url:
        records = audit_site(browser, base_url, build, pages=["planted/index.html"])
    return {r.where: r for r in records}


def found(planted, check) -> str:
    return report([p for r in planted.values() for p in check(r)], "planted")


def test_contrast_failure_is_caught_in_both_schemes(planted):
    text = found(planted, axe_problems)
    for scheme in ("light", "dark"):
        assert f"docs/planted.md ({scheme}): axe color-contrast (serious)" in text
    assert "This grey text" in text
    assert "Fix: see https://dequeuniversity.com/rules/axe/" in text


def test_image_without_alt_text_is_caught(planted):
    text = found(planted, axe_problems)
    assert (
        "docs/planted.md (light): axe image-alt (critical): Images must have alternative text"
        in text
    )
    assert "favicon.png" in text


def test_tiny_tap_targets_are_caught(planted):
    text = found(planted, axe_problems)
    assert (
        "docs/planted.md (light): axe target-size (serious): All touch targets must be 24px large"
        in text
    )


def test_external_script_is_caught_and_its_host_named(planted):
    text = found(planted, request_problems)
    assert (
        "docs/planted.md (dark): the page contacts another host, cdn.tracker.example "
        "(https://cdn.tracker.example/track.js)"
    ) in text


def test_console_error_is_caught(planted):
    text = found(planted, request_problems)
    assert "the browser console shows an error: uncaught: planted script failure" in text


def test_failed_local_request_is_caught(planted):
    text = found(planted, request_problems)
    assert "docs/planted.md (light): a request on the page failed: 404 http://127.0.0.1:" in text
    assert "/no-such-picture.png" in text


def test_page_without_review_dates_is_caught_in_print(planted):
    text = found(planted, print_problems)
    assert "docs/planted.md (light): printed: the review dates and disclaimer box" in text


def test_cookie_is_caught(planted):
    text = found(planted, request_problems)
    assert "a cookie 'visitor' was set for 127.0.0.1 (the privacy notice promises none)" in text


def test_navigation_shown_in_print_is_caught(planted):
    text = found(planted, print_problems)
    assert "docs/planted.md (light): printed: navigation (.md-header) is printed" in text


def test_link_addresses_missing_in_print_are_caught(planted):
    text = found(planted, print_problems)
    assert "docs/planted.md (light): printed: none of the 1 links shows its address" in text
    assert "“the cost”" in text


def test_overflow_on_a_phone_is_caught(planted):
    text = found(planted, overflow_problems)
    assert "docs/planted.md (light): at 360x740 the page is" in text
    assert "<div> reaches" in text


def test_table_too_wide_for_a_phone_is_caught(planted):
    text = found(planted, overflow_problems)
    assert "a table needs sideways scrolling" in text
    assert "starting “Column one heading" in text


def test_material_github_widget_request_is_caught(tmp_path, browser):
    # Without the theme's empty partials/source.html, Material asks api.github.com for stars.
    project = ProjectCopy(tmp_path / "project")
    project.path("overrides/partials/source.html").unlink()
    build = project.build()
    assert build.returncode == 0, build.output
    with serve(build.site) as base_url:
        records = audit_site(browser, base_url, build, pages=["cost/index.html"])
    text = report([p for r in records for p in request_problems(r)], "planted")
    assert "docs/cost.md (light): the page contacts another host, api.github.com" in text
