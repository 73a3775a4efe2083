"""The filter summary above the feed and the labels of picker options."""

from __future__ import annotations

import html

from bot.callbacks import FilterField
from bot.i18n import I18n
from bot.views.labels import label, labels, rate_range
from db.records.feed import RATE_BUCKETS, FeedFilters


def option_label(i18n: I18n, field: FilterField, value: str) -> str:
    if field is FilterField.stack:
        return value
    if field is FilterField.rate:
        low, high = RATE_BUCKETS[int(value)]
        return rate_range(i18n, low, high)
    return label(i18n, field.value, value)


def filters_text(filters: FeedFilters, i18n: I18n) -> str:
    anything = i18n.get("filter-any")
    kind = label(i18n, "kind", filters.kind) if filters.kind else anything
    period = label(i18n, "period", str(filters.period_days)) if filters.period_days else anything
    rate = (
        rate_range(i18n, filters.rate_min, filters.rate_max)
        if filters.rate_min is not None or filters.rate_max is not None else anything
    )
    return i18n.get(
        "feed-filters-summary",
        kind=kind,
        roles=labels(i18n, "roles", filters.roles) or anything,
        stack=html.escape(", ".join(filters.stack)) or anything,
        grades=labels(i18n, "grades", filters.grades) or anything,
        formats=labels(i18n, "formats", filters.formats) or anything,
        rate=rate,
        period=period,
    )
