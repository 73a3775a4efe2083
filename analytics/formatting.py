"""Numbers and dates as the viewer's locale writes them (ru: `1 500`, `12,5 %`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from analytics.records import Granularity

# What the bot passes in: a Fluent lookup, `translate("chart-no-data", period=30)`.
Translate = Callable[..., str]
NBSP = "\u00a0"  # keeps "1 500" and "12,5 %" from breaking across lines


def number(value: float, locale: str, digits: int = 0) -> str:
    text = f"{value:,.{digits}f}"
    if locale == "ru":
        return text.replace(",", NBSP).replace(".", ",")
    return text


def percent(share: float | None, locale: str, digits: int = 1) -> str:
    """A share 0..1 as a percentage; "—" when there is nothing to divide."""
    if share is None:
        return "—"
    value = share * 100
    if abs(value - round(value)) < 0.05:
        digits = 0
    text = number(value, locale, digits)
    return f"{text}{NBSP}%" if locale == "ru" else f"{text}%"


def signed_percent(change: float | None, locale: str, new_text: str) -> str:
    """+12,5 % against the previous period; `new_text` when there was nothing before."""
    if change is None:
        return new_text
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    return sign + percent(abs(change), locale)


def bucket_label(at: datetime, granularity: Granularity, locale: str) -> str:
    if granularity is Granularity.month:
        return at.strftime("%m.%Y") if locale == "ru" else at.strftime("%b %Y")
    return at.strftime("%d.%m") if locale == "ru" else at.strftime("%b %d")


def shorten(label: str, limit: int = 26) -> str:
    """Long category names are cut so a phone still shows the bars, not just the labels."""
    label = " ".join(label.split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def hours(value: float | None, translate: Translate, locale: str) -> str:
    if value is None:
        return "—"
    if value >= 48:
        return translate("chart-days", n=number(value / 24, locale, 1))
    return translate("chart-hours", n=number(value, locale, 1))
