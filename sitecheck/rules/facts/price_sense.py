"""The clinic's price is in the range other clinics report, give or take a digit.

A key held down or one too few, and "1650" becomes "165" or "16500": every page, the footer and
the leaflets then show a price a tenth or ten times the real one, and patients book on it. The
prices other clinics report (`reference_prices` in mkdocs.yml, with their sources, which only
developers change) bound it: under a quarter of the lowest or over four times the highest is
read as a typing slip.
"""

from __future__ import annotations

from sitecheck.core.finding import Finding
from sitecheck.rules.facts.clinic_facts import node_lines

RULE = "clinic-facts"
FILE = "clinic.yml"
SLIP = 4  # a missing or extra digit is a factor of 10; real prices vary by less than this


def check(facts_text: str, facts: dict, reference: dict | None) -> list[Finding]:
    amount = ((facts.get("clinic") or {}).get("price") or {}).get("amount")
    refs = [v for v in (reference or {}).values() if isinstance(v, int) and v > 0]
    if not isinstance(amount, int) or isinstance(amount, bool) or not refs:
        return []
    low, high = min(refs), max(refs)
    if low / SLIP <= amount <= high * SLIP:
        return []
    line = node_lines(facts_text).get(("clinic", "price", "amount"), (0, None))[0]
    side = (
        f"under a quarter of the lowest (${low:,})"
        if amount < low
        else (f"over four times the highest (${high:,})")
    )
    return [
        Finding(
            FILE,
            line,
            f"the average price (${amount:,}) is {side} that other clinics report "
            "(reference_prices in mkdocs.yml): a digit may be missing or added, and every page "
            "and leaflet would show it.",
            "check the number and write it in whole dollars, e.g. 1650; if the price really is "
            "this, a developer updates reference_prices with its source.",
            rule=RULE,
        )
    ]
