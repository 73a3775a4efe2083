"""Market queries: demand by technology, role and grade, supply against demand, and rates.

Each takes an AsyncSession (inside the caller's unit of work) and returns frozen records.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.records import (
    ChartFilters,
    Counted,
    CountPoint,
    RatePoint,
    Rates,
    RateStat,
    RoleGradeDemand,
    StackDemand,
    SupplyDemand,
    SupplyRow,
    Trend,
    Window,
)
from analytics.selection import bucket, card_conditions
from db.models import BenchDeveloper, RequestCard
from db.records.users import UserRecord

TOP_STACKS = 8
TOP_SUPPLY = 10
TOP_RATE_COMBOS = 10
RATE_SERIES_COMBOS = 3
# A rate midpoint in RUB/hour; a one-sided range counts as its stated end.
RATE = sa.func.coalesce(
    (RequestCard.rate_rub_hour_min + RequestCard.rate_rub_hour_max) / 2,
    RequestCard.rate_rub_hour_min, RequestCard.rate_rub_hour_max,
)


def _unnest(column: Any) -> Any:
    return sa.func.unnest(column).table_valued("item").render_derived()


async def stack_demand(
    session: AsyncSession, viewer: UserRecord, window: Window, filters: ChartFilters,
    top: int = TOP_STACKS,
) -> StackDemand:
    c = RequestCard
    current = c.first_seen_at >= window.start
    item = _unnest(c.stack)
    query = (
        sa.select(item.c.item, sa.func.count().filter(current),
                  sa.func.count().filter(~current))
        .select_from(c).join(item, sa.true())
        .where(*card_conditions(viewer, filters, window.previous_start, window.end))
        .group_by(item.c.item)
        .order_by(sa.func.count().filter(current).desc(), item.c.item)
    )
    rows = (await session.execute(query)).all()
    trends = tuple(Trend(n, int(a), int(b)) for n, a, b in rows if a)[:top]
    totals = (await session.execute(
        sa.select(sa.func.count().filter(current), sa.func.count().filter(~current))
        .where(*card_conditions(viewer, filters, window.previous_start, window.end))
    )).one()
    series: tuple[CountPoint, ...] = ()
    if trends:
        names = [t.name for t in trends]
        at = bucket(c.first_seen_at, window)
        item = _unnest(c.stack)
        series_query = (
            sa.select(at, item.c.item, sa.func.count())
            .select_from(c).join(item, sa.true())
            .where(*card_conditions(viewer, filters, window.start, window.end),
                   item.c.item.in_(names))
            .group_by(at, item.c.item).order_by(at)
        )
        series = tuple(
            CountPoint(b, n, int(k)) for b, n, k in (await session.execute(series_query)).all()
        )
    return StackDemand(trends, series, int(totals[0]), int(totals[1]))


async def _counted(
    session: AsyncSession, column: Any, conditions: list[sa.ColumnElement[bool]],
) -> tuple[Counted, ...]:
    item = _unnest(column)
    query = (
        sa.select(item.c.item, sa.func.count()).select_from(RequestCard)
        .join(item, sa.true()).where(*conditions)
        .group_by(item.c.item).order_by(sa.func.count().desc(), item.c.item)
    )
    return tuple(Counted(n, int(k)) for n, k in (await session.execute(query)).all())


async def role_grade_demand(
    session: AsyncSession, viewer: UserRecord, window: Window, filters: ChartFilters,
) -> RoleGradeDemand:
    where = card_conditions(viewer, filters, window.start, window.end)
    return RoleGradeDemand(
        roles=await _counted(session, RequestCard.roles, where),
        grades=await _counted(session, RequestCard.grades, where),
    )


async def _bench_counts(
    session: AsyncSession, viewer: UserRecord, column: Any, names: list[str]
) -> dict[str, int]:
    """Active bench developers per stack item (or grade) the viewer's team may propose."""
    d = BenchDeveloper
    where: list[sa.ColumnElement[bool]] = [d.active.is_(True)]
    if not viewer.is_admin:
        where.append(sa.or_(d.team_id.is_(None), d.team_id == viewer.team_id))
    if column is d.grade:
        query = sa.select(d.grade, sa.func.count()).where(*where, d.grade.in_(names))
        query = query.group_by(d.grade)
    else:
        item = _unnest(d.stack)
        query = (
            sa.select(item.c.item, sa.func.count()).select_from(d).join(item, sa.true())
            .where(*where, item.c.item.in_(names)).group_by(item.c.item)
        )
    return {n: int(k) for n, k in (await session.execute(query)).all()}


async def supply_demand(
    session: AsyncSession, viewer: UserRecord, window: Window, filters: ChartFilters,
    top: int = TOP_SUPPLY,
) -> SupplyDemand:
    requests = card_conditions(viewer, filters, window.start, window.end)
    offers = card_conditions(viewer, filters, window.start, window.end, kind="offer")
    result = []
    for cards_column, bench_column in ((RequestCard.stack, BenchDeveloper.stack),
                                       (RequestCard.grades, BenchDeveloper.grade)):
        wanted = (await _counted(session, cards_column, requests))[:top]
        names = [w.name for w in wanted]
        offered = {o.name: o.count for o in await _counted(session, cards_column, offers)}
        bench = await _bench_counts(session, viewer, bench_column, names) if names else {}
        result.append(tuple(
            SupplyRow(w.name, w.count, offered.get(w.name, 0), bench.get(w.name, 0))
            for w in wanted
        ))
    return SupplyDemand(stacks=result[0], grades=result[1])


def _quartiles() -> list[Any]:
    return [sa.func.percentile_cont(q).within_group(RATE) for q in (0.25, 0.5, 0.75)]


async def rates(
    session: AsyncSession, viewer: UserRecord, window: Window, filters: ChartFilters,
    top: int = TOP_RATE_COMBOS,
) -> Rates:
    c = RequestCard
    where = card_conditions(viewer, filters, window.start, window.end)
    counts = (await session.execute(
        sa.select(sa.func.count(), sa.func.count(RATE)).where(*where)
    )).one()
    stack, grade = _unnest(c.stack), _unnest(c.grades)
    combo = (stack.c.item + " · " + grade.c.item).label("combo")
    rated = [*where, RATE.is_not(None)]
    query = (
        sa.select(combo, sa.func.count(), *_quartiles())
        .select_from(c).join(stack, sa.true()).join(grade, sa.true()).where(*rated)
        .group_by(combo).order_by(sa.func.count().desc(), combo).limit(top)
    )
    combos = tuple(
        RateStat(n, int(k), float(q1), float(m), float(q3))
        for n, k, q1, m, q3 in (await session.execute(query)).all()
    )
    series: tuple[RatePoint, ...] = ()
    if combos:
        names = [s.name for s in combos[:RATE_SERIES_COMBOS]]
        stack, grade = _unnest(c.stack), _unnest(c.grades)
        combo = (stack.c.item + " · " + grade.c.item).label("combo")
        at = bucket(c.first_seen_at, window)
        series_query = (
            sa.select(at, combo, *_quartiles())
            .select_from(c).join(stack, sa.true()).join(grade, sa.true())
            .where(*rated, combo.in_(names)).group_by(at, combo).order_by(at)
        )
        series = tuple(
            RatePoint(b, n, float(q1), float(m), float(q3))
            for b, n, q1, m, q3 in (await session.execute(series_query)).all()
        )
    return Rates(combos, series, int(counts[0]), int(counts[1]))
