"""The public door of the read side: what the bot (/stats, the weekly digest) and the Mini App
call. One call builds a whole report within the viewer's scope:

    report = await analytics.reports.build(uow, viewer, ReportRequest(period_days=30), translate,
                                           locale="ru")
    for chart in report.charts:   # Chart(key, title, png, csv, caption, has_data)
        ...
    report.summary                # one caption of key numbers for the album
    report.failed                 # charts whose drawing raised (logged; the others are there)

`translate(key, **args)` is the caller's Fluent lookup (keys in locales/*/stats.ftl; role-*,
grade-*, stage-* come from labels.ftl/crm.ftl). Queries run in the caller's event loop; the
drawing runs in a worker thread (`asyncio.to_thread`), so the bot's loop never blocks on
matplotlib. `collect` + `render` are the two halves, for callers that cache or use a process
pool; `tables` returns the CSVs without drawing anything.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa

from analytics import drawings, drawings_team, queries, queries_team, tables
from analytics.charts import ChartContext, Colours
from analytics.formatting import Translate, number, percent, signed_percent
from analytics.records import (
    PERIOD_DAYS,
    ChartKey,
    Granularity,
    ReportRequest,
    StackDemand,
    Trend,
    Window,
)
from analytics.selection import buckets
from db.records.users import UserRecord
from db.uow import UnitOfWork

log = logging.getLogger(__name__)
FALLBACK_TIMEZONE = "UTC"
TEAM_CHARTS = (ChartKey.channels, ChartKey.response, ChartKey.pipeline)
RISING_SHOWN = 3


@dataclass(frozen=True)
class Chart:
    key: ChartKey
    title: str
    png: bytes
    csv: bytes
    caption: str
    has_data: bool

    @property
    def file_name(self) -> str:
        return f"{self.key.value}.csv"


@dataclass(frozen=True)
class Report:
    charts: tuple[Chart, ...]
    summary: str
    failed: tuple[ChartKey, ...] = ()
    rising: tuple[Trend, ...] = ()  # fastest-rising technologies, for digests


@dataclass(frozen=True)
class ReportData:
    """Everything the queries found: safe to pickle to a process pool or to cache."""

    request: ReportRequest
    window: Window
    results: dict[ChartKey, Any]


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


async def collect(uow: UnitOfWork, viewer: UserRecord, request: ReportRequest) -> ReportData:
    """Runs the queries of the requested charts in one read-only transaction."""
    window = window_of(viewer, request)
    keys = list(dict.fromkeys(request.chart_keys))
    if ChartKey.demand_stack not in keys:
        keys.append(ChartKey.demand_stack)  # the summary's totals and the rising list
    results: dict[ChartKey, Any] = {}
    async with uow:
        # These aggregates look expensive to the planner (unnest estimates millions of rows),
        # so PostgreSQL would JIT-compile them: seconds of compiling for 0.1 s of work.
        await uow.session.execute(sa.text("SET LOCAL jit = off"))
        for key in keys:
            results[key] = await QUERIES[key](uow.session, viewer, window, request.filters)
    return ReportData(request, window, results)


def _subtitle(data: ReportData, t: Translate) -> str:
    f = data.request.filters
    parts = [t("chart-period", days=data.window.days),
             t(f"chart-granularity-{data.window.granularity.value}")]
    chosen = [*f.stack, *(t(f"role-{r}") for r in f.roles), *(t(f"grade-{g}") for g in f.grades),
              *(t(f"format-{x}") for x in f.formats)]
    if f.source_ids:
        chosen.append(t("chart-sources-filter", count=len(f.source_ids)))
    if chosen:
        parts.append(", ".join(chosen[:4]) + ("…" if len(chosen) > 4 else ""))
    return " · ".join(parts)


def rising(demand: StackDemand, limit: int = RISING_SHOWN) -> tuple[Trend, ...]:
    """Stacks that grew against the previous period, fastest first (new ones by count)."""
    grown = [tr for tr in demand.trends if tr.change is None or tr.change > 0]
    return tuple(sorted(grown, key=lambda tr: (-(tr.change or float("inf")), -tr.current,
                                               tr.name))[:limit])


def _stack_caption(demand: StackDemand, t: Translate, locale: str) -> str:
    up = rising(demand)
    down = sorted((tr for tr in demand.trends if tr.change is not None and tr.change < 0),
                  key=lambda tr: tr.change or 0)[:RISING_SHOWN]
    fmt = lambda trs: ", ".join(  # noqa: E731
        f"{tr.name} {signed_percent(tr.change, locale, t('chart-new'))}" for tr in trs
    ) or "—"
    return t("chart-demand-stack-caption", rising=fmt(up), falling=fmt(down))


def _summary(data: ReportData, t: Translate, locale: str) -> str:
    demand: StackDemand = data.results[ChartKey.demand_stack]
    change = (demand.total_requests - demand.previous_requests) / demand.previous_requests \
        if demand.previous_requests else None
    parts = [t("stats-summary-requests", count=number(demand.total_requests, locale),
               change=signed_percent(change, locale, t("chart-new")))]
    if demand.trends:
        parts.append(t("stats-summary-top", stacks=", ".join(tr.name for tr in demand.trends[:3])))
    answered = data.results.get(ChartKey.response)
    if answered is not None and answered.rows and answered.rows[0].level == "all":
        parts.append(t("stats-summary-within-hour",
                       share=percent(answered.rows[0].within_hour_share, locale)))
    funnel = data.results.get(ChartKey.pipeline)
    if funnel is not None and funnel.win_rate is not None:
        parts.append(t("stats-summary-win-rate", share=percent(funnel.win_rate, locale)))
    return "\n".join(parts)


def _draw(key: ChartKey, data: ReportData, ctx: ChartContext) -> bytes:
    result = data.results[key]
    # Looked up at call time, so a test can make one drawing fail.
    module = drawings_team if key in TEAM_CHARTS else drawings
    drawer: Callable[..., bytes] = getattr(module, key.value)
    if key in (ChartKey.demand_stack, ChartKey.rates):
        return drawer(result, buckets(data.window), ctx)
    return drawer(result, ctx)


def _has_data(key: ChartKey, result: Any) -> bool:
    for name in ("trends", "roles", "stacks", "combos", "rows", "total"):
        if hasattr(result, name):
            return bool(getattr(result, name))
    return False


def render(data: ReportData, translate: Translate, locale: str) -> Report:
    """Draws every requested chart; one that raises is logged and left out, the rest stay."""
    subtitle = _subtitle(data, translate)
    ctx = ChartContext(translate, locale, data.window.granularity, subtitle, Colours())
    demand: StackDemand = data.results[ChartKey.demand_stack]
    for trend in demand.trends:
        ctx.colours.of(trend.name)
    charts, failed = [], []
    for key in dict.fromkeys(data.request.chart_keys):
        try:
            image = _draw(key, data, ctx)
        except Exception:
            log.exception("drawing chart %s failed; the report goes out without it", key.value)
            failed.append(key)
            continue
        result = data.results[key]
        caption = _stack_caption(result, translate, locale) if key is ChartKey.demand_stack \
            else ""
        charts.append(Chart(
            key=key, title=translate(f"chart-{key.value.replace('_', '-')}-title"), png=image,
            csv=getattr(tables, key.value)(result, translate), caption=caption,
            has_data=_has_data(key, result),
        ))
    return Report(tuple(charts), _summary(data, translate, locale), tuple(failed),
                  rising(demand))


async def build(
    uow: UnitOfWork, viewer: UserRecord, request: ReportRequest, translate: Translate,
    locale: str,
) -> Report:
    """Queries (in this loop) then drawing (in a worker thread): the whole report."""
    data = await collect(uow, viewer, request)
    return await asyncio.to_thread(render, data, translate, locale)


async def csv_tables(
    uow: UnitOfWork, viewer: UserRecord, request: ReportRequest, translate: Translate,
) -> list[tuple[str, bytes]]:
    """(file name, CSV) per requested chart, without drawing."""
    data = await collect(uow, viewer, request)
    return [(f"{key.value}.csv", getattr(tables, key.value)(data.results[key], translate))
            for key in dict.fromkeys(request.chart_keys)]
