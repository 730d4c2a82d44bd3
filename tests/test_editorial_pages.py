"""The real pages pass every editorial check; the new-page template, edit links and review dates work."""

import datetime as dt
import re
import subprocess
import sys

from devtools.site import ROOT
from sitecheck.core.page_tree import parse, text_of
from sitecheck.outputs.preview_box import BOX_ID
from sitecheck.rules.source.review_dates import pages
from tests.checks.editorial import allowed_claims, allowed_report, editorial_problems
from tests.checks.problems import assert_none
from tests.conftest import page

TEMPLATE = ROOT / "templates" / "new-page.md"


def test_every_page_passes_the_editorial_checks():
    assert_none(editorial_problems(ROOT), "editorial problems in docs/")


def editorial_command(project) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sitecheck"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_claim_ok_markers_are_listed_in_a_report():
    proc = editorial_command(ROOT)
    allowed = allowed_claims(ROOT)
    assert proc.returncode == 0, proc.stdout
    assert allowed_report(allowed) in proc.stdout
    report = (ROOT / "reports" / "claims-allowed.txt").read_text(encoding="utf-8")
    assert report == allowed_report(allowed)


def test_editorial_command_lists_problems_and_markers_and_fails(project):
    project.write(
        "docs/quote.md",
        page(
            "Quote",
            "It said “risk-free”. <!-- claim-ok: quoting an advert to warn -->\n\nIt cures.",
        ),
    )
    proc = editorial_command(project.root)
    assert proc.returncode == 1
    assert "docs/quote.md:13: medical claim “cures” (Cure or full regrowth claim)" in proc.stdout
    assert "docs/quote.md:11: allowed (quoting an advert to warn): risk-free" in proc.stdout
    # The new page's medical sentence waits for the medical reviewer: a notice, not a problem.
    assert "docs/quote.md:11: this medical sentence is not reviewed yet" in proc.stdout
    assert "1 problem(s) to fix, 1 notice(s)." in proc.stdout
    written = (project.root / "reports" / "claims-allowed.txt").read_text(encoding="utf-8")
    assert "docs/quote.md:11: allowed (quoting an advert to warn): risk-free" in written


def test_strict_build_has_no_preview_box_and_does_not_publish_the_rules(built_site):
    for html in built_site.html_pages():
        assert BOX_ID not in (built_site.site / html).read_text(encoding="utf-8"), html
    assert not list(built_site.site.rglob("rules.yml"))


def test_published_pages_have_no_edit_this_page_link(built_site):
    """The pencil opens GitHub's editor: editors have it in the preview, patients never see it
    (overrides/partials/actions.html); the preview test checks it is there."""
    for html, source in built_site.sources.items():
        links = parse(built_site.site / html).xpath('//a[@rel="edit"]/@href')
        assert links == [], f"{source}: edit link {links}"


def test_new_page_template_builds_cleanly_and_passes_every_check(project):
    project.write("docs/new-page.md", TEMPLATE.read_text(encoding="utf-8"))
    project.replace("mkdocs.yml", "\nnav:\n", "\nnav:\n  - New: new-page.md\n")
    assert_none(editorial_problems(project.root), "editorial problems in the template")
    result = project.build(strict=True)
    assert result.returncode == 0, result.output
    assert result.warnings() == []
    built = (result.site / "new-page" / "index.html").read_text(encoding="utf-8")
    for part in ('class="admonition', "<details", 'class="tabbed-set', 'class="md-button'):
        assert part in built, f"the template does not show {part}"


def set_fields(project, name: str, **fields) -> None:
    """Rewrite front-matter fields whatever the page's current values are."""
    path = project.path(name)
    text = path.read_text(encoding="utf-8")
    for field, value in fields.items():
        text, count = re.subn(rf"(?m)^{field}:.*$", f"{field}: {value}", text, count=1)
        assert count == 1, f"test setup: no '{field}:' in {name}"
    path.write_text(text, encoding="utf-8")


def review_dates(project, today: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "sitecheck.rules.source.review_dates", "--today", today],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def other_pages(project) -> list[str]:
    docs = project.root / "docs"
    names = [f"docs/{p.relative_to(docs).as_posix()}" for p in pages(docs)]
    return [n for n in names if n not in ("docs/cost.md", "docs/faq.md")]


def test_review_dates_lists_every_page_overdue_first_with_its_reviewer(project):
    for name in ("docs/cost.md", "docs/faq.md", *other_pages(project)):
        set_fields(project, name, reviewed="2026-01-10", next_review="2027-06-01")
    set_fields(project, "docs/cost.md", next_review="2026-12-01")
    set_fields(
        project, "docs/faq.md", next_review="2026-12-15", reviewed_by="Patient information lead"
    )
    out = review_dates(project.root, "2027-01-01")
    rows = [line for line in out.splitlines() if re.match(r"(OVERDUE|ok)\s", line)]
    assert len(rows) == len(pages(project.root / "docs"))
    assert re.match(r"OVERDUE\s+2026-12-01\s+docs/cost.md\s+\S", rows[0])
    assert re.match(r"OVERDUE\s+2026-12-15\s+docs/faq.md\s+Patient information lead", rows[1])
    assert all(row.startswith("ok") for row in rows[2:])
    assert "2 overdue" in out


def test_run_script_has_the_review_dates_command():
    text = (ROOT / "run").read_text(encoding="utf-8")
    assert "review-dates)" in text
    assert "sitecheck.rules.source.review_dates" in text


def test_overdue_page_prints_a_notice_that_does_not_fail_the_strict_build(project):
    last_year = dt.date.today() - dt.timedelta(days=400)
    set_fields(
        project,
        "docs/cost.md",
        reviewed=last_year - dt.timedelta(days=300),
        next_review=last_year,
        reviewed_by="Clinic medical team",
    )
    result = project.build(strict=True)
    assert result.returncode == 0, result.output
    assert (
        f"INFO    -  docs/cost.md: the medical review is overdue since {last_year}; "
        "reviewer: Clinic medical team." in result.output
    )


def test_review_dates_lists_a_page_due_in_10_days_under_the_30_day_group(project):
    for name in ("docs/cost.md", "docs/faq.md", *other_pages(project)):
        set_fields(project, name, reviewed="2026-01-10", next_review="2027-06-01")
    set_fields(project, "docs/faq.md", next_review="2027-01-11", reviewed_by="Patient lead")
    set_fields(project, "docs/cost.md", next_review="2027-02-15")  # 45 days: not in the group
    out = review_dates(project.root, "2027-01-01")
    assert re.search(r"^SOON\s+2027-01-11\s+docs/faq.md\s+Patient lead$", out, re.M), out
    assert re.search(r"^ok\s+2027-02-15\s+docs/cost.md", out, re.M), out
    group = out.split("Due within 30 days (by 2027-01-31): 1 page(s)\n", 1)[1].split("\n\n")[0]
    assert group == (
        "  docs/faq.md: next review 2027-01-11, in 10 day(s); reviewer: Patient lead. "
        "Book the review now."
    )
    assert "0 overdue, 1 due within 30 days." in out


def trust_box(site, page: str) -> str:
    boxes = parse(site / page / "index.html").xpath('//aside[@class="hc-trust"]')
    assert len(boxes) == 1, f"{page}: one trust box expected"
    return " ".join(text_of(boxes[0]).split())


def test_a_page_past_its_next_review_says_it_is_due_and_a_future_one_does_not(project):
    past = dt.date.today() - dt.timedelta(days=3)
    set_fields(project, "docs/cost.md", reviewed=past - dt.timedelta(days=400), next_review=past)
    result = project.build(strict=True)
    assert result.returncode == 0, result.output
    assert "Next review due" in trust_box(result.site, "cost")
    assert "This page is due for review" in trust_box(result.site, "cost")
    assert "This page is due for review" not in trust_box(result.site, "faq")  # 2027: future
