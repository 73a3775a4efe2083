"""Rates to RUB per hour, so bench and requests compare on one scale.

A small copy of the collector's table on purpose: crm must not import the classifier, and
bench entries are typed by people in a handful of currencies.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

RUB_PER_UNIT: dict[str, Decimal] = {
    "RUB": Decimal(1), "USD": Decimal(90), "EUR": Decimal(98), "KZT": Decimal("0.18"),
    "BYN": Decimal(27), "UAH": Decimal("2.2"), "GEL": Decimal(33), "CNY": Decimal("12.4"),
}
HOURS_PER_PERIOD: dict[str, Decimal] = {
    "hour": Decimal(1), "day": Decimal(8), "week": Decimal(40), "month": Decimal(168),
    "year": Decimal(168 * 12),
}
CURRENCY_ALIASES: dict[str, str] = {
    "₽": "RUB", "руб": "RUB", "р": "RUB", "rur": "RUB", "$": "USD", "€": "EUR", "₸": "KZT",
}
PERIOD_ALIASES: dict[str, str] = {
    "h": "hour", "hr": "hour", "час": "hour", "d": "day", "день": "day", "w": "week",
    "неделя": "week", "m": "month", "mo": "month", "мес": "month", "месяц": "month",
    "y": "year", "год": "year",
}
CENT = Decimal("0.01")


def currency_code(raw: str) -> str | None:
    """ISO code for what a person typed ('usd', '$', 'руб'), or None if unknown."""
    text = raw.strip().lower()
    code = CURRENCY_ALIASES.get(text, text.upper())
    return code if code in RUB_PER_UNIT else None


def period_code(raw: str) -> str | None:
    text = raw.strip().lower()
    code = PERIOD_ALIASES.get(text, text)
    return code if code in HOURS_PER_PERIOD else None


def to_rub_hour(
    amount: Decimal | None, currency: str | None, period: str | None
) -> Decimal | None:
    """`amount` per `period` in `currency` as RUB per hour; None when it cannot be converted."""
    if amount is None or currency not in RUB_PER_UNIT or period not in HOURS_PER_PERIOD:
        return None
    value = amount * RUB_PER_UNIT[currency] / HOURS_PER_PERIOD[period]
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
