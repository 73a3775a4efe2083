"""Each user's feed filters in Redis, and the pure edits the filter pickers make."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from bot.callbacks import FilterField
from db.records.feed import (
    FORMATS,
    GRADES,
    KINDS,
    PERIOD_DAYS,
    RATE_BUCKETS,
    ROLE_FAMILIES,
    FeedFilters,
)

MULTI_FIELDS: dict[FilterField, tuple[str, ...]] = {
    FilterField.roles: ROLE_FAMILIES, FilterField.grades: GRADES, FilterField.formats: FORMATS,
}
KEY = "radar:feed:{user_id}"


def options(field: FilterField, offered_stacks: tuple[str, ...]) -> tuple[str, ...]:
    """What the picker of `field` lists; callback indexes point into this tuple."""
    if field is FilterField.stack:
        return offered_stacks
    if field is FilterField.kind:
        return KINDS
    if field is FilterField.rate:
        return tuple(str(i) for i in range(len(RATE_BUCKETS)))
    if field is FilterField.period:
        return tuple(str(d) for d in PERIOD_DAYS)
    return MULTI_FIELDS[field]


def _toggle(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    return tuple(v for v in values if v != value) if value in values else (*values, value)


def toggle(
    filters: FeedFilters, field: FilterField, index: int, offered_stacks: tuple[str, ...]
) -> FeedFilters:
    """Single-choice fields switch (pressing the chosen one clears it); lists toggle a value."""
    choices = options(field, offered_stacks)
    if not 0 <= index < len(choices):
        return filters
    value = choices[index]
    if field is FilterField.kind:
        return replace(filters, kind=None if filters.kind == value else value)
    if field is FilterField.period:
        days = PERIOD_DAYS[index]
        return replace(filters, period_days=None if filters.period_days == days else days)
    if field is FilterField.rate:
        low, high = RATE_BUCKETS[index]
        if (filters.rate_min, filters.rate_max) == (low, high):
            return replace(filters, rate_min=None, rate_max=None)
        return replace(filters, rate_min=low, rate_max=high)
    if field is FilterField.stack:
        return replace(filters, stack=_toggle(filters.stack, value))
    if field is FilterField.roles:
        return replace(filters, roles=_toggle(filters.roles, value))
    if field is FilterField.grades:
        return replace(filters, grades=_toggle(filters.grades, value))
    return replace(filters, formats=_toggle(filters.formats, value))


def selected(filters: FeedFilters, field: FilterField, offered: tuple[str, ...]) -> set[int]:
    """Indexes of the chosen options, for the ✓ marks."""
    choices = options(field, offered)
    if field is FilterField.kind:
        return {i for i, v in enumerate(choices) if v == filters.kind}
    if field is FilterField.period:
        return {i for i, d in enumerate(PERIOD_DAYS) if d == filters.period_days}
    if field is FilterField.rate:
        chosen = (filters.rate_min, filters.rate_max)
        return {i for i, bucket in enumerate(RATE_BUCKETS) if bucket == chosen}
    current = set(getattr(filters, field.value))
    return {i for i, v in enumerate(choices) if v in current}


class FilterStore:
    """Filters survive restarts and are shared by every bot process; the DB stays untouched."""

    def __init__(self, redis: Any) -> None:
        self._redis = redis

    async def load(self, user_id: int) -> tuple[FeedFilters, tuple[str, ...]]:
        raw = await self._redis.get(KEY.format(user_id=user_id))
        data: dict[str, Any] = json.loads(raw) if raw else {}
        return FeedFilters.from_dict(data.get("filters")), tuple(data.get("offered_stacks", ()))

    async def save(
        self, user_id: int, filters: FeedFilters, offered_stacks: tuple[str, ...]
    ) -> None:
        data = {"filters": filters.to_dict(), "offered_stacks": list(offered_stacks)}
        await self._redis.set(KEY.format(user_id=user_id), json.dumps(data))
