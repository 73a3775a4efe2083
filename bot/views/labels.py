"""Vocabulary values → localized labels (keys like role-backend, grade-middle)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from bot.i18n import I18n

LABEL_PREFIXES = {
    "kind": "kind", "roles": "role", "grades": "grade", "formats": "format", "period": "period",
}


def label(i18n: I18n, field: str, value: str) -> str:
    return i18n.get(f"{LABEL_PREFIXES[field]}-{value}")


def labels(i18n: I18n, field: str, values: Iterable[str]) -> str:
    return ", ".join(label(i18n, field, v) for v in values)


def amount(value: Decimal | int | float | None) -> str:
    """1500.00 → '1 500': whole numbers grouped by a space, the same in both languages."""
    if value is None:
        return "…"
    return f"{int(value):,}".replace(",", " ")


def rate_range(i18n: I18n, low: int | Decimal | None, high: int | Decimal | None) -> str:
    if low is not None and high is not None:
        return i18n.get("rate-between", low=amount(low), high=amount(high))
    if low is not None:
        return i18n.get("rate-from", low=amount(low))
    if high is not None:
        return i18n.get("rate-to", high=amount(high))
    return i18n.get("rate-any")
