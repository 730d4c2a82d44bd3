"""Clinic facts are defined once: change the price or phone in mkdocs.yml and every page follows."""

from tests.checks.clinic_facts import (
    clinic_facts,
    fact_pattern,
    pages_showing,
    typed_facts,
)
from tests.checks.problems import assert_none, report
from tests.checks.site import ROOT
from tests.conftest import page

NEW_PRICE = 1875
NEW_PHONE = "+1 555-0199"
NEW_PHONE_LINK = "+15550199"


def first_year_total(facts: dict, amount: int) -> int:
    price = facts["price"]
    return price["blood_tests"] + amount + facts["sessions"]["later_min"] * price["later_session"]


def test_no_page_types_a_clinic_fact_by_hand():
    assert_none(typed_facts(ROOT), "clinic facts typed into pages instead of {{ clinic.* }}")


def test_changing_price_and_phone_in_mkdocs_yml_changes_every_page(built_site, project):
    facts = clinic_facts(ROOT)
    old_price, old_phone = facts["price"]["amount"], facts["phone"]
    assert old_price != NEW_PRICE and old_phone != NEW_PHONE
    project.replace("mkdocs.yml", f"amount: {old_price}\n", f"amount: {NEW_PRICE}\n")
    project.replace("mkdocs.yml", f'phone: "{old_phone}"', f'phone: "{NEW_PHONE}"')
    project.replace(
        "mkdocs.yml", f'phone_link: "{facts["phone_link"]}"', f'phone_link: "{NEW_PHONE_LINK}"'
    )
    changed = project.build(strict=True)
    assert changed.returncode == 0, changed.output

    for old, new in [(old_price, NEW_PRICE), (old_phone, NEW_PHONE)]:
        before = pages_showing(built_site.site, fact_pattern(old))
        assert {"index.html", "cost/index.html"} & before, f"no page shows {old} to begin with"
        after_new = pages_showing(changed.site, fact_pattern(new))
        after_old = pages_showing(changed.site, fact_pattern(old))
        assert before <= after_new, f"pages that did not pick up {new}: {before - after_new}"
        assert not after_old, f"pages still showing the old value {old}: {after_old}"
        index = (changed.site / "search" / "search_index.json").read_text(encoding="utf-8")
        assert not fact_pattern(old).search(index), f"search still finds the old value {old}"

    # Sums made from the price follow it too.
    cost = (changed.site / "cost/index.html").read_text(encoding="utf-8")
    assert str(first_year_total(facts, NEW_PRICE)) in cost
    assert str(first_year_total(facts, old_price)) not in cost


def test_price_shown_on_home_and_cost_pages(built_site):
    shown = pages_showing(built_site.site, fact_pattern(clinic_facts(ROOT)["price"]["amount"]))
    assert {"index.html", "cost/index.html"} <= shown


# --- negative tests ---


def test_facts_typed_by_hand_are_reported_with_file_and_line(project):
    body = "\n\n".join(
        [
            "The price is about 1,650 USD.",
            "Call us on (555) 0134 today.",
            "Write to Appointments@hair-clinic.example for help.",
            "Or pay 1650 dollars. {{ clinic.price.amount }} is fine.",
            "[Ring us](tel:+15550134).",
        ]
    )
    project.write("docs/typed.md", page("Typed", body))
    messages = report(typed_facts(project.root), "")
    for expected in [
        "docs/typed.md:11: the clinic's average price (1650) is typed into the page",
        "docs/typed.md:13: the clinic's phone number (+1 555-0134) is typed into the page",
        "docs/typed.md:15: the clinic's e-mail address (appointments@hair-clinic.example)",
        "docs/typed.md:17: the clinic's average price (1650)",
        "docs/typed.md:19: the clinic's phone number (+1 555-0134)",
        "Fix: write {{ clinic.price.amount }} instead",
        "Fix: write {{ clinic.phone }} instead",
    ]:
        assert expected in messages, f"not reported: {expected}\n\n{messages}"
    assert messages.startswith("5 problem(s)")


def test_fact_patterns_do_not_match_other_numbers():
    assert not fact_pattern(1650).search("16500 hairs, 21650, 1.650 mm, 165 days")
    assert fact_pattern(1650).search("about 1 650 USD")
    assert not fact_pattern("+1 555-0134").search("call 555-01345")
