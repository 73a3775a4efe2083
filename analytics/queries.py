"""Market queries: demand by technology, role and grade, supply against demand, and rates.

Each takes an AsyncSession (inside the caller's unit of work) and the report's Facets (the
counts of analytics.facets, one scan for every chart that only counts) and returns frozen
records.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.facets import BEFORE, OFFERS, RATE, Facets
from analytics.records import (
    ChartFilters,
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


def _unnest(column: Any) -> Any:
    return sa.func.unnest(column).table_valued("item").render_derived()


async def stack_demand(
    session: AsyncSession, viewer: UserRecord, window: Window, filters: ChartFilters,
    facets: Facets, top: int = TOP_STACKS,
) -> StackDemand:
    trends = tuple(Trend(s.name, s.count, facets.counts[("stack", s.name)][BEFORE])
                   for s in facets.counted("stack"))[:top]
    names = {t.name for t in trends}
    series = tuple(CountPoint(at, name, n) for (at, name), n in sorted(facets.series.items())
                   if name in names)
    return StackDemand(trends, series, facets.count("all"), facets.count("all", BEFORE))


async def role_grade_demand(
    session: AsyncSession, viewer: UserRecord, window: Window, filters: ChartFilters,
    facets: Facets,
) -> RoleGradeDemand:
    return RoleGradeDemand(roles=facets.counted("role"), grades=facets.counted("grade"))


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
    facets: Facets, top: int = TOP_SUPPLY,
) -> SupplyDemand:
    result = []
    for dim, bench_column in (("stack", BenchDeveloper.stack), ("grade", BenchDeveloper.grade)):
        wanted = facets.counted(dim)[:top]
        names = [w.name for w in wanted]
        offered = {o.name: o.count for o in facets.counted(dim, OFFERS)}
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
    facets: Facets, top: int = TOP_RATE_COMBOS,
) -> Rates:
    """Quartiles per stack × grade over the period and, for the top few, per bucket: one scan
    of the rated requests grouped both ways (GROUPING SETS), not a scan for each."""
    c = RequestCard
    where = card_conditions(viewer, filters, window.start, window.end)
    stack, grade = _unnest(c.stack), _unnest(c.grades)
    # Grouped under byte order ("C"): the same groups as any deterministic collation's, sorted
    # by memcmp instead of strcoll. The ties of the top list are ordered by the database's
    # own collation below, as before.
    combo = sa.collate((stack.c.item + " · " + grade.c.item).self_group(), "C").label("combo")
    day = bucket(c.first_seen_at, window)
    groups = (
        sa.select(combo, day, sa.func.grouping(day).label("whole"), sa.func.count().label("n"),
                  *(q.label(f"q{i}") for i, q in enumerate(_quartiles())))
        .select_from(c).join(stack, sa.true()).join(grade, sa.true())
        .where(*where, RATE.is_not(None))
        .group_by(sa.func.grouping_sets(sa.tuple_(combo), sa.tuple_(combo, day)))
        .cte("rate_groups")
    )
    g = groups.c
    by_name = sa.collate(g.combo, "default")
    place = sa.func.row_number().over(order_by=(g.n.desc(), by_name)).label("place")
    ranked = sa.select(g.combo, place).where(g.whole == 1).cte("ranked")
    query = (
        sa.select(g.whole, g.bucket, g.combo, g.n, g.q0, g.q1, g.q2)
        .join(ranked, ranked.c.combo == g.combo)
        .where(sa.or_(sa.and_(g.whole == 1, ranked.c.place <= top),
                      sa.and_(g.whole == 0, ranked.c.place <= min(top, RATE_SERIES_COMBOS))))
        # The top list by requests, then the series by bucket and name.
        .order_by(g.whole.desc(), sa.case((g.whole == 1, ranked.c.place)), g.bucket, by_name)
    )
    combos: list[RateStat] = []
    series: list[RatePoint] = []
    for whole, at, name, count, q1, m, q3 in (await session.execute(query)).all():
        if whole:
            combos.append(RateStat(name, int(count), float(q1), float(m), float(q3)))
        else:
            series.append(RatePoint(at, name, float(q1), float(m), float(q3)))
    return Rates(tuple(combos), tuple(series), facets.count("all"), facets.count("rated"))
