"""A price a digit short of the range other clinics report is a typing slip."""

from __future__ import annotations

import pytest
import yaml

from sitecheck.rules.facts.price_sense import check

REFERENCE = {"prp_course_low": 1500, "prp_course_high": 3500, "transplant_high": 15000}


def facts(amount: int) -> tuple[str, dict]:
    text = f"clinic:\n  name: Example\n  price:\n    amount: {amount}\n"
    return text, yaml.safe_load(text)


def test_a_missing_digit_is_named_at_its_line():
    found = [str(f) for f in check(*facts(165), REFERENCE)]
    assert found == [
        "clinic.yml:4: the average price ($165) is under a quarter of the lowest ($1,500) that "
        "other clinics report (reference_prices in mkdocs.yml): a digit may be missing or added, "
        "and every page and leaflet would show it. Fix: check the number and write it in whole "
        "dollars, e.g. 1650; if the price really is this, a developer updates reference_prices "
        "with its source."
    ]


@pytest.mark.parametrize("amount", [1650, 1450, 900, 12000])
def test_a_real_price_change_passes(amount):
    assert check(*facts(amount), REFERENCE) == []


def test_without_reference_prices_nothing_is_judged():
    assert check(*facts(165), None) == []
