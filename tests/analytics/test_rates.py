"""The rates chart's one grouped scan against the two queries it replaced (the top stack ×
grade combinations, then the series of the first three): the same combinations in the same
order, the same quartiles, the same series points in the same order."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from analytics.facets import RATE, facets
from analytics.queries import RATE_SERIES_COMBOS, TOP_RATE_COMBOS, rates
from analytics.records import ChartFilters, Granularity, RatePoint, RateStat, Window
from analytics.selection import bucket, card_conditions
from db.models import RequestCard
from db.records.users import UserRecord
from tests.analytics.test_facets import END, _seed


def _unnest(column: Any) -> Any:
    return sa.func.unnest(column).table_valued("item").render_derived()


def _quartiles() -> list[Any]:
    return [sa.func.percentile_cont(q).within_group(RATE) for q in (0.25, 0.5, 0.75)]


async def _two_queries(session: AsyncSession, viewer: UserRecord, window: Window,
                       filters: ChartFilters, top: int) -> tuple[tuple[RateStat, ...],
                                                                tuple[RatePoint, ...]]:
    """The queries analytics.queries.rates ran before (commit 704d688)."""
    c = RequestCard
    rated = [*card_conditions(viewer, filters, window.start, window.end), RATE.is_not(None)]
    stack, grade = _unnest(c.stack), _unnest(c.grades)
    combo = (stack.c.item + " · " + grade.c.item).label("combo")
    query = (
        sa.select(combo, sa.func.count(), *_quartiles())
        .select_from(c).join(stack, sa.true()).join(grade, sa.true()).where(*rated)
        .group_by(combo).order_by(sa.func.count().desc(), combo).limit(top)
    )
    combos = tuple(RateStat(n, int(k), float(q1), float(m), float(q3))
                   for n, k, q1, m, q3 in (await session.execute(query)).all())
    if not combos:
        return combos, ()
    names = [s.name for s in combos[:RATE_SERIES_COMBOS]]
    stack, grade = _unnest(c.stack), _unnest(c.grades)
    combo = (stack.c.item + " · " + grade.c.item).label("combo")
    at = bucket(c.first_seen_at, window)
    series_query = (
        sa.select(at, combo, *_quartiles())
        .select_from(c).join(stack, sa.true()).join(grade, sa.true())
        .where(*rated, combo.in_(names)).group_by(at, combo).order_by(at, combo)
    )
    series = tuple(RatePoint(b, n, float(q1), float(m), float(q3))
                   for b, n, q1, m, q3 in (await session.execute(series_query)).all())
    return combos, series


@pytest.mark.parametrize(("filters", "top", "granularity"), [
    (ChartFilters(), TOP_RATE_COMBOS, Granularity.day),
    (ChartFilters(), 4, Granularity.week),  # a cut through tied counts
    (ChartFilters(stack=("Python", "Go")), TOP_RATE_COMBOS, Granularity.day),
    (ChartFilters(grades=("nobody",)), TOP_RATE_COMBOS, Granularity.day),  # nothing rated
])
async def test_rates_are_what_the_two_queries_gave(
    session_factory: async_sessionmaker[AsyncSession], filters: ChartFilters, top: int,
    granularity: Granularity,
) -> None:
    viewer = await _seed(session_factory)
    window = Window(END - timedelta(days=7), END, granularity, "Europe/Moscow")
    async with session_factory() as session:
        found = await facets(session, viewer, window, filters)
        ours = await rates(session, viewer, window, filters, found, top=top)
        combos, series = await _two_queries(session, viewer, window, filters, top)
    assert ours.combos == combos
    assert ours.series == series
    if filters.grades:
        assert not combos
    else:
        assert len(combos) == top and len({p.name for p in series}) == RATE_SERIES_COMBOS
