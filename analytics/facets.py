"""Every count the counting charts need, from one scan of the period's cards.

Five charts only count cards by a label (stack, role, grade, stage, lost reason, stated rate),
in this period or the one before, requests or offers; the stack chart also counts per bucket.
Asked one chart at a time that was thirteen scans of request_cards per report. Here it is one:
PostgreSQL groups the cards by their label arrays as they are (a few thousand distinct
combinations, GROUPING SETS for two groupings), and Python spreads each group's count
over the items of its arrays, which is what unnest + count did per query.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.records import ChartFilters, Counted, Window
from analytics.selection import bucket, card_conditions
from db.models import RequestCard
from db.records.users import UserRecord

# A rate midpoint in RUB/hour; a one-sided range counts as its stated end.
RATE = sa.func.coalesce(
    (RequestCard.rate_rub_hour_min + RequestCard.rate_rub_hour_max) / 2,
    RequestCard.rate_rub_hour_min, RequestCard.rate_rub_hour_max,
)
NOW, BEFORE, OFFERS = 0, 1, 2  # the three counts kept per label value


@dataclass(frozen=True)
class Facets:
    """(dimension, value) → [requests now, requests in the period before, offers now].
    Dimensions: stack, role, grade (one count per array item), stage, lost (the lost cards'
    reasons, "" for none), rated (cards that state a rate) and all (every card), the last two
    under the value "". The period before is counted for stack and all only (no chart asks
    more of it). `series` counts this period's requests per (bucket, stack item)."""

    counts: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    series: Counter[tuple[datetime, str]] = field(default_factory=Counter)

    def count(self, dim: str, which: int = NOW) -> int:
        return self.counts.get((dim, ""), [0, 0, 0])[which]

    def counted(self, dim: str, which: int = NOW) -> tuple[Counted, ...]:
        """Values of `dim` with their counts, most first (ties by name), zeros left out."""
        found = [Counted(name, counts[which]) for (d, name), counts in self.counts.items()
                 if d == dim and counts[which]]
        return tuple(sorted(found, key=lambda c: (-c.count, c.name)))

    def add(self, dim: str, value: str, which: int, count: int) -> None:
        self.counts.setdefault((dim, value), [0, 0, 0])[which] += count


async def facets(
    session: AsyncSession, viewer: UserRecord, window: Window, filters: ChartFilters,
) -> Facets:
    c = RequestCard
    current = (c.first_seen_at >= window.start).label("current")

    def now_only(value: Any, name: str) -> Any:
        # The period before is only counted per stack and in all: its other labels are left
        # NULL, so its cards hash into one group per kind instead of one per label combination.
        return sa.case((current, value), else_=sa.null()).label(name)

    rated = now_only(RATE.is_not(None), "now_rated")
    # Only this period's requests get a bucket: the others fall into one NULL group.
    at = sa.case((sa.and_(c.kind == "request", current), bucket(c.first_seen_at, window)),
                 else_=sa.null()).label("at")
    labels = (c.kind, current, now_only(c.roles, "now_roles"), now_only(c.grades, "now_grades"),
              now_only(c.stage, "now_stage"), rated, now_only(c.lost_reason, "now_lost"))
    # Two groupings, not three: the per-stack counts of each period and kind and the stack
    # series per bucket are one grouping (the bucket is NULL outside the series), summed here.
    query = (
        sa.select(*labels, c.stack, at, sa.func.grouping(c.stack, at), sa.func.count())
        .where(*card_conditions(viewer, filters, window.previous_start, window.end, kind=None))
        .group_by(sa.func.grouping_sets(sa.tuple_(*labels), sa.tuple_(c.kind, current, at,
                                                                      c.stack)))
    )
    found = Facets()
    for kind, now, roles, grades, stage, has_rate, lost, stack, day, grouped, n in (
        await session.execute(query)
    ).all():
        _spread(found, int(grouped), kind, now, roles, grades, stage, has_rate, lost, stack,
                day, int(n))
    return found


def _spread(found: Facets, grouped: int, kind: str, now: bool, roles: Any, grades: Any,
            stage: str, has_rate: bool, lost: str | None, stack: Any, day: Any, n: int) -> None:
    """One group's count onto every value of its arrays. `grouped` is GROUPING(stack, at):
    3 for the labels set (stack and at grouped away), 0 for (kind, current, at, stack)."""
    which = (NOW if now else BEFORE) if kind == "request" else OFFERS if now else None
    if which is None:
        return  # offers of the period before: no chart counts them
    if grouped == 0:
        for item in stack:
            found.add("stack", item, which, n)
            if day is not None:
                found.series[(day, item)] += n
        return
    found.add("all", "", which, n)
    if which == BEFORE:
        return  # the period before is counted per stack and in all only
    for item in roles:
        found.add("role", item, which, n)
    for item in grades:
        found.add("grade", item, which, n)
    found.add("stage", stage, which, n)
    if has_rate:
        found.add("rated", "", which, n)
    if stage == "lost":
        found.add("lost", lost or "", which, n)
