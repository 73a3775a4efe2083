"""The cards a chart may count: period, kind, filters and, always, the viewer's scope.

Scope is db.repositories.feed.scope_conditions, the SQL twin of crm.access.can_see, so a chart
never counts a card its viewer could not open in the feed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from analytics.records import ChartFilters, Granularity, Window
from db.models import RequestCard, RequestSource
from db.records.users import UserRecord
from db.repositories.feed import overlaps, scope_conditions


def filter_conditions(filters: ChartFilters) -> list[sa.ColumnElement[bool]]:
    c = RequestCard
    where: list[sa.ColumnElement[bool]] = []
    for column, values in ((c.roles, filters.roles), (c.stack, filters.stack),
                           (c.grades, filters.grades), (c.formats, filters.formats)):
        if values:
            where.append(overlaps(column, values))
    if filters.source_ids:
        where.append(sa.exists().where(
            RequestSource.request_id == c.id,
            RequestSource.source_id.in_(filters.source_ids),
        ))
    return where


def card_conditions(
    viewer: UserRecord, filters: ChartFilters, since: datetime, until: datetime,
    kind: str | None = "request",
) -> list[sa.ColumnElement[bool]]:
    c = RequestCard
    where = [c.first_seen_at >= since, c.first_seen_at < until]
    if kind is not None:
        where.append(c.kind == kind)
    return where + filter_conditions(filters) + scope_conditions(viewer)


def bucket(column: Any, window: Window) -> sa.ColumnElement[Any]:
    """The start of the day/week/month `column` falls in, on the viewer's local calendar."""
    local = sa.func.timezone(window.timezone, column)
    return sa.func.date_trunc(window.granularity.value, local).label("bucket")


def buckets(window: Window) -> list[datetime]:
    """Every bucket start of the window on the local calendar (naive, as date_trunc gives)."""
    zone = ZoneInfo(window.timezone)
    at = _truncate(window.start.astimezone(zone).replace(tzinfo=None), window.granularity)
    end = window.end.astimezone(zone).replace(tzinfo=None)
    found = []
    while at < end:
        found.append(at)
        at = _next(at, window.granularity)
    return found


def _truncate(at: datetime, granularity: Granularity) -> datetime:
    day = at.replace(hour=0, minute=0, second=0, microsecond=0)
    if granularity is Granularity.week:
        return day - timedelta(days=day.weekday())
    if granularity is Granularity.month:
        return day.replace(day=1)
    return day


def _next(at: datetime, granularity: Granularity) -> datetime:
    if granularity is Granularity.day:
        return at + timedelta(days=1)
    if granularity is Granularity.week:
        return at + timedelta(days=7)
    return (at.replace(day=28) + timedelta(days=4)).replace(day=1)
