"""clinic.yml's addresses stay on the clinic's own domain (site_url's), planted in a tiny
folder."""

from __future__ import annotations

from sitecheck.rules.facts import own_hosts

SITE = "https://patients.smith-hair.example/"


def facts(tmp_path, body: str):
    (tmp_path / "clinic.yml").write_text("clinic:\n" + body)
    return own_hosts.check(tmp_path, SITE)


def test_a_booking_link_on_a_host_that_only_starts_with_the_clinics_name_is_refused(tmp_path):
    found = facts(
        tmp_path,
        "  name: Smith Hair\n  booking_url: https://smith-hair.example-appointments.net:443/book\n",
    )
    assert [(f.file, f.line) for f in found] == [("clinic.yml", 3)]
    assert "'smith-hair.example-appointments.net'" in found[0].what
    assert "OTHER_HOSTS" in found[0].fix


def test_userinfo_and_an_email_on_another_domain_are_refused(tmp_path):
    found = facts(
        tmp_path,
        "  booking_url: https://book.smith-hair.example@evil.example/x\n"
        "  email: help@smith-hair.example.evil.example\n",
    )
    assert [f.line for f in found] == [2, 3]


def test_subdomains_of_the_clinics_own_domain_pass(tmp_path):
    assert (
        facts(
            tmp_path,
            "  booking_url: https://Book.Smith-Hair.example/consultation?from=site\n"
            "  email: appointments@smith-hair.example\n"
            "  address: 12 Example Street, Springfield\n",
        )
        == []
    )


def test_the_domain_is_site_urls_host_without_its_first_label():
    assert own_hosts.own_domain("https://www.clinic.co.uk/") == "clinic.co.uk"
    assert own_hosts.own_domain("https://clinic.com") == "clinic.com"


def test_a_site_served_from_this_machine_names_no_domain():
    # The preview and the browser tests serve the site at 127.0.0.1: no address is compared.
    assert own_hosts.own_domain("http://127.0.0.1:8123/") is None
    assert own_hosts.own_domain("http://localhost:8000/") is None
    assert own_hosts.own_domain("http://[::1]:8000/") is None
