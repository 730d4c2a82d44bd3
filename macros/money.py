"""Money on the site: every amount shows as US readers expect it, "$1,650", from ONE formatter.

`format_money(1650)` gives "$1,650". Pages do not call it: the page check (sitecheck/
template_code.py) lets pages call only the site's listed macros, so instead every amount under
`clinic.price` is wrapped once, when the macros load, in `Money`: a whole number that prints
itself through `format_money`. So `{{ clinic.price.amount }}` shows "$1,650" on every page, in
every table, diagram and leaflet (the leaflets are printed from the built pages), and sums made
from amounts (`{{ clinic.price.amount + clinic.price.blood_tests }}`) are amounts too.

A price the clinic has not confirmed yet is a "TO BE CONFIRMED BY THE CLINIC" text: it is left
as it is, so the gap shows. Pages guard sums with `{% if clinic.price.blood_tests is number %}`.
"""

from __future__ import annotations

import copy

# The currencies the clinic could price in, and how each is written before the amount.
SYMBOLS = {"USD": "$", "CAD": "CA$", "AUD": "A$", "GBP": "£", "EUR": "€"}


def format_money(amount, currency: str = "USD") -> str:
    """1650 -> "$1,650"; 1650.5 -> "$1,650.50"; a text (a placeholder) is returned as it is."""
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        return str(amount)
    symbol = SYMBOLS.get(currency, f"{currency} ")
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if float(amount).is_integer():
        return f"{sign}{symbol}{int(amount):,}"
    return f"{sign}{symbol}{amount:,.2f}"


def whole_number(value) -> bool:
    """A whole number as clinic.yml writes it: YAML reads yes/no as True/False, not numbers."""
    return isinstance(value, int) and not isinstance(value, bool)


class Money(int):
    """A whole amount of money that prints as "$1,650"; arithmetic with numbers stays Money."""

    currency = "USD"

    def __new__(cls, value: int, currency: str = "USD"):
        self = super().__new__(cls, value)
        self.currency = currency
        return self

    def __str__(self) -> str:
        return format_money(int(self), self.currency)

    def __format__(self, spec: str) -> str:
        return str(self) if not spec else format(int(self), spec)

    def _same(self, value):
        return Money(value, self.currency) if isinstance(value, int) else value

    def __add__(self, other):
        return self._same(int(self) + other) if isinstance(other, int) else NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        return self._same(int(self) - other) if isinstance(other, int) else NotImplemented

    def __rsub__(self, other):
        return self._same(other - int(self)) if isinstance(other, int) else NotImplemented

    def __mul__(self, other):
        # An amount times a count; never a text (Python would repeat the text).
        return self._same(int(self) * other) if isinstance(other, int) else NotImplemented

    __rmul__ = __mul__

    def __reduce__(self):
        return (Money, (int(self), self.currency))


# The facts under clinic.price that are not amounts.
NOT_AMOUNTS = {"currency", "includes", "excludes"}


def priced(clinic: dict) -> dict:
    """A copy of the clinic's facts with every amount under `price` made a Money."""
    clinic = copy.deepcopy(clinic)
    price = clinic.get("price")
    if isinstance(price, dict):
        currency = str(price.get("currency") or "USD")
        for key, value in price.items():
            if key not in NOT_AMOUNTS and whole_number(value):
                price[key] = Money(value, currency)
    return clinic


def register(env):
    clinic = env.variables.get("clinic")
    if isinstance(clinic, dict):
        env.variables["clinic"] = priced(clinic)
    # Prices other clinics report (mkdocs.yml extra.reference_prices): all amounts, in dollars.
    reference = env.variables.get("reference_prices")
    if isinstance(reference, dict):
        env.variables["reference_prices"] = {
            key: Money(value) if whole_number(value) else value for key, value in reference.items()
        }


def first_year(clinic: dict) -> str:
    """What the first year costs, as the home page's first screen says it: the cost page's
    worked example when every price is a number, else what is known so far."""
    price = clinic.get("price") or {}
    sessions = clinic.get("sessions") or {}
    parts = [price.get("amount"), price.get("blood_tests"), price.get("later_session")]
    parts += [sessions.get("later_min"), sessions.get("later_max")]
    fee = format_money(price.get("consultation"))
    if all(map(whole_number, parts)):
        year = int(price["amount"]) + int(price["blood_tests"])
        low = year + int(sessions["later_min"]) * int(price["later_session"])
        high = year + int(sessions["later_max"]) * int(price["later_session"])
        return (
            f"about {format_money(year)} for the first year with no later sessions, or "
            f"{format_money(low)} to {format_money(high)} with them, plus the first "
            f"consultation ({fee})."
        )
    return (
        f"the first course is about {format_money(price.get('amount'))} on average; the first "
        f"consultation costs {fee}. Blood tests and later sessions cost extra."
    )


def home_cost(env) -> None:
    """The home page's template shows the first year's cost in its first screen (the hero):
    written here, through the one formatter, into the page's data the template reads."""
    page = getattr(env, "page", None)
    if page is not None and (page.meta or {}).get("template") == "home.html":
        page.meta["first_year_cost"] = first_year(env.variables.get("clinic") or {})
