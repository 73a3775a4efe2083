"""The public door of the read side: what the bot (/stats, the weekly digest) and the Mini App
call. One call builds a whole report within the viewer's scope:

    report = await analytics.reports.build(uow, viewer, ReportRequest(period_days=30), translate,
                                           locale="ru")
    for chart in report.charts:   # Chart(key, title, png, csv, caption, has_data)
        ...
    report.summary                # one caption of key numbers for the album
    report.failed                 # charts whose drawing raised (logged; the others are there)

`translate(key, **args)` is the caller's Fluent lookup (keys in locales/*/stats.ftl; role-*,
grade-*, stage-* come from labels.ftl/crm.ftl). Queries run in the caller's event loop; each
chart is drawn in a worker thread (`asyncio.to_thread`) as its query comes in, so the bot's
loop never blocks on matplotlib and the drawing overlaps the next query. `collect` + `render`
are the two halves one after another, for callers that cache or use a process pool;
`tables` returns the CSVs without drawing anything.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa

from analytics import queries, queries_team, tables
from analytics.facets import Facets, facets
from analytics.formatting import Translate
from analytics.records import PERIOD_DAYS, ChartKey, Granularity, ReportRequest, Window
from analytics.rendering import (  # re-exported: callers know them as reports.*
    Chart,
    Painter,
    Report,
    ReportData,
    render,
    rising,
)
from db.records.users import UserRecord
from db.uow import UnitOfWork

__all__ = ["Chart", "Report", "ReportData", "build", "collect", "csv_tables", "render",
           "rising", "timezone_of", "window_of"]

log = logging.getLogger(__name__)
FALLBACK_TIMEZONE = "UTC"
# A report transaction's settings. The aggregates look expensive to the planner (unnest
# estimates millions of rows), so PostgreSQL would JIT-compile them: seconds of compiling for
# 0.1 s of work. The facets' groups need more than the default 4 MB to be hashed rather than
# sorted on disk (0.68 -> 0.42 s at 1,000,000 cards). No parallel workers: on two cores the
# second one is drawing the previous chart, and workers hid their CPU from the backend's
# figure in bench.analytics (the pipeline's old plan took 0.07 s there, 0.165 s in one process).
REPORT_SETTINGS = ("SET LOCAL jit = off", "SET LOCAL work_mem = '32MB'",
                   "SET LOCAL max_parallel_workers_per_gather = 0")


def timezone_of(viewer: UserRecord) -> str:
    """The viewer's zone, or UTC (logged) when the stored name is not a real zone."""
    try:
        ZoneInfo(viewer.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("user %s has an invalid time zone %r: using %s", viewer.id,
                    viewer.timezone, FALLBACK_TIMEZONE)
        return FALLBACK_TIMEZONE
    return viewer.timezone


def window_of(viewer: UserRecord, request: ReportRequest) -> Window:
    if request.period_days not in PERIOD_DAYS:
        raise ValueError(f"period must be one of {PERIOD_DAYS}, not {request.period_days}")
    end = request.end or datetime.now(UTC)
    start = end - timedelta(days=request.period_days)
    return Window(start, end, Granularity(request.granularity), timezone_of(viewer))


QUERIES: dict[ChartKey, Callable[..., Any]] = {
    ChartKey.demand_stack: queries.stack_demand,
    ChartKey.demand_roles: queries.role_grade_demand,
    ChartKey.supply: queries.supply_demand,
    ChartKey.rates: queries.rates,
    ChartKey.channels: queries_team.channels,
    ChartKey.response: queries_team.response,
    ChartKey.pipeline: queries_team.pipeline,
}
# Queries that take no facets (their argument is None), run before the facets scan.
AHEAD_OF_FACETS = frozenset({ChartKey.response})


async def collect(
    uow: UnitOfWork, viewer: UserRecord, request: ReportRequest,
    arrived: Callable[[ChartKey, Any], None] | None = None,
) -> ReportData:
    """Runs the queries of the requested charts in one read-only transaction; `arrived(key,
    result)` is called as each comes in (bench.analytics times each query by it)."""
    return await _collect(uow, viewer, request, window_of(viewer, request), arrived)


async def _collect(
    uow: UnitOfWork, viewer: UserRecord, request: ReportRequest, window: Window,
    arrived: Callable[[ChartKey, Any], None] | None = None,
) -> ReportData:
    # The response chart first when asked: it needs neither the facets nor the report's
    # colours, so its drawing starts while PostgreSQL scans for the facets. Then the stack
    # demand, always: it is the summary's totals and the rising list, it fixes the report's
    # colours, and it costs no query of its own (all in the facets).
    wanted = [k for k in dict.fromkeys(request.chart_keys) if k is not ChartKey.demand_stack]
    ahead = [k for k in wanted if k in AHEAD_OF_FACETS]
    keys = [*ahead, ChartKey.demand_stack, *(k for k in wanted if k not in ahead)]
    results: dict[ChartKey, Any] = {}
    async with uow:
        for setting in REPORT_SETTINGS:
            await uow.session.execute(sa.text(setting))
        found: Facets | None = None
        for key in keys:
            if found is None and key not in AHEAD_OF_FACETS:
                found = await facets(uow.session, viewer, window, request.filters)
            results[key] = await QUERIES[key](uow.session, viewer, window, request.filters,
                                              found)
            if arrived is not None:
                arrived(key, results[key])
    return ReportData(request, window, results)


async def build(
    uow: UnitOfWork, viewer: UserRecord, request: ReportRequest, translate: Translate,
    locale: str,
) -> Report:
    """The whole report. Each chart is drawn in a worker thread as soon as its query is in,
    while PostgreSQL (another process, the other core) runs the next query: the set takes
    about the longer of the two halves rather than their sum. The drawings run one at a
    time, in the order the results come (Painter fixes colours in that order)."""
    window = window_of(viewer, request)
    painter = Painter(request, window, translate, locale)
    drawn: asyncio.Future[None] | None = None

    async def draw_after(previous: asyncio.Future[None] | None, key: ChartKey,
                         result: Any) -> None:
        if previous is not None:
            await previous
        await asyncio.to_thread(painter.add, key, result)

    def arrived(key: ChartKey, result: Any) -> None:
        nonlocal drawn
        drawn = asyncio.ensure_future(draw_after(drawn, key, result))

    try:
        data = await _collect(uow, viewer, request, window, arrived)
    finally:
        if drawn is not None:  # a failed query still waits for the drawings under way
            await drawn
    return painter.report(data)


async def csv_tables(
    uow: UnitOfWork, viewer: UserRecord, request: ReportRequest, translate: Translate,
) -> list[tuple[str, bytes]]:
    """(file name, CSV) per requested chart, without drawing."""
    data = await collect(uow, viewer, request)
    return [(f"{key.value}.csv", getattr(tables, key.value)(data.results[key], translate))
            for key in dict.fromkeys(request.chart_keys)]
