"""Rate → roubles per hour and per month, with a configurable currency table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from classifier.api import Rate


@dataclass(frozen=True)
class CurrencyTable:
    """Roubles per unit of each currency and the working-time conventions used to convert."""

    rub_per_unit: Mapping[str, float] = field(default_factory=lambda: {
        "RUB": 1.0, "USD": 90.0, "EUR": 98.0, "KZT": 0.18, "BYN": 27.0, "UAH": 2.2,
        "KGS": 1.0, "UZS": 0.0071, "RSD": 0.83, "GEL": 33.0, "AMD": 0.23, "INR": 1.08,
        "TRY": 2.8, "CNY": 12.4,
    })
    hours_per_month: float = 168.0
    hours_per_day: float = 8.0
    days_per_month: float = 21.0
    hours_per_week: float = 40.0


def normalise_rate(
    rate: Rate | None, table: CurrencyTable | None = None
) -> tuple[float | None, float | None, float | None, float | None]:
    """(rub/hour min, rub/hour max, rub/month min, rub/month max); None where not convertible."""
    table = table or CurrencyTable()
    if rate is None or rate.currency is None or rate.currency not in table.rub_per_unit:
        return None, None, None, None
    hours = {
        "hour": 1.0, "day": table.hours_per_day, "week": table.hours_per_week,
        "month": table.hours_per_month, "year": table.hours_per_month * 12,
    }.get(rate.period or "")
    if hours is None:
        return None, None, None, None
    k = table.rub_per_unit[rate.currency]

    def per_hour(v: int | None) -> float | None:
        return None if v is None else v * k / hours

    lo, hi = per_hour(rate.min), per_hour(rate.max)
    return (
        lo, hi,
        None if lo is None else lo * table.hours_per_month,
        None if hi is None else hi * table.hours_per_month,
    )
