"""Clinic facts are defined once: change the price or phone in clinic.yml and every page follows."""

from devtools.site import ROOT
from macros.money import format_money
from tests.checks.clinic_facts import (
    change_facts,
    clinic_facts,
    fact_pattern,
    pages_showing,
    stale_facts,
)
from tests.checks.problems import assert_none, report
from tests.conftest import page

NEW_PRICE = 1875
NEW_PHONE = "+1 555-0199"
NEW_PHONE_LINK = "+15550199"


def test_no_page_types_a_clinic_fact_by_hand(built_site):
    assert_none(
        built_site.findings("typed-facts"),
        "clinic facts typed into pages instead of {{ clinic.* }}",
    )


def changed_copy(project) -> tuple[dict, object]:
    old = change_facts(project, NEW_PRICE, NEW_PHONE, NEW_PHONE_LINK)
    assert old["price"]["amount"] != NEW_PRICE and old["phone"] != NEW_PHONE
    return old, project.build(strict=True)


def test_changing_price_and_phone_in_clinic_yml_changes_every_page(built_site, project):
    old, changed = changed_copy(project)
    assert changed.returncode == 0, changed.output
    problems = stale_facts(built_site, changed, old["price"]["amount"], NEW_PRICE, "the price")
    problems += stale_facts(built_site, changed, old["phone"], NEW_PHONE, "the phone number")
    assert_none(problems, "pages that did not follow a change of clinic facts")
    # The pages that show the facts really changed (not a vacuous pass).
    assert {"index.html", "cost/index.html"} <= pages_showing(changed.site, fact_pattern(NEW_PRICE))
    assert {"index.html", "procedure/index.html"} <= pages_showing(
        changed.site, fact_pattern(NEW_PHONE)
    )
    # The price shows as US readers write money, through the one formatter (macros/money.py).
    # (The first-year sums of the cost page wait for the clinic's real prices: see
    # tests/test_content_round3.py.)
    cost = (changed.site / "cost/index.html").read_text(encoding="utf-8")
    assert format_money(NEW_PRICE) in cost and format_money(old["price"]["amount"]) not in cost


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
    messages = report(project.build().findings("typed-facts"), "")
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


def test_page_that_types_the_price_is_named_when_the_price_changes(project):
    project.write(
        "docs/typed.md", page("Typed", "Pay about 1650 USD. Call +1 555-0134 or [book](cost.md).")
    )
    before = project.build()
    old, after = changed_copy(project)
    problems = stale_facts(before, after, old["price"]["amount"], NEW_PRICE, "the price")
    problems += stale_facts(before, after, old["phone"], NEW_PHONE, "the phone number")
    messages = report(problems, "")
    for expected in [
        "docs/typed.md: the price was changed in clinic.yml from 1650 to 1875, but this page "
        "still shows the old value",
        "docs/typed.md: the phone number was changed in clinic.yml from +1 555-0134 to "
        "+1 555-0199, but this page still shows the old value",
        "search/search_index.json: site search still finds the old value of the price: 1650",
        "Fix: write the price as its {{ clinic.* }} value",
    ]:
        assert expected in messages, f"not reported: {expected}\n\n{messages}"
    assert "docs/cost.md" not in messages and "docs/index.md" not in messages


def test_fact_patterns_do_not_match_other_numbers():
    assert not fact_pattern(1650).search("16500 hairs, 21650, 1.650 mm, 165 days")
    assert fact_pattern(1650).search("about 1 650 USD")
    assert not fact_pattern("+1 555-0134").search("call 555-01345")


def test_a_price_a_digit_short_stops_the_build_at_its_line(project):
    # Held-out editor set 3: "1650" typed as "165" went to every page and leaflet.
    project.replace("clinic.yml", "    amount: 1650", "    amount: 165")
    result = project.build(strict=True)
    assert result.returncode != 0
    assert "clinic.yml:13: the average price ($165) is under a quarter of the lowest" in (
        result.output
    )
