from __future__ import annotations

import html
from collections.abc import Sequence

from bot.i18n import I18n
from bot.views.labels import labels, rate_range
from db.records.feed import FeedFilters
from db.records.searches import SavedSearchRecord

NAME_LIMIT = 120


def search_name(filters: FeedFilters, i18n: I18n) -> str:
    """A readable name for a search saved from filters: its chosen values, or 'everything'."""
    parts = [
        labels(i18n, "roles", filters.roles), ", ".join(filters.stack),
        labels(i18n, "grades", filters.grades), labels(i18n, "formats", filters.formats),
    ]
    if filters.rate_min is not None or filters.rate_max is not None:
        parts.append(rate_range(i18n, filters.rate_min, filters.rate_max))
    name = " · ".join(p for p in parts if p)
    return (name or i18n.get("search-everything"))[:NAME_LIMIT]


def searches_text(searches: Sequence[SavedSearchRecord], i18n: I18n) -> str:
    if not searches:
        return i18n.get("searches-empty")
    lines = [i18n.get("searches-title")]
    for search in searches:
        key = "searches-item-paused" if search.paused else "searches-item"
        lines.append(i18n.get(key, name=html.escape(search.name)))
    return "\n".join(lines)
