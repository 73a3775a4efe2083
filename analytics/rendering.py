"""The drawing half of a report: query results (ReportData) in, a Report of PNGs, CSVs and
captions out. analytics.reports is the door; this is its back room.

Drawing in a process pool was measured and left out: at load 4.6-4.8 on the two shared cores
two processes drew a chart set in 1.3-3.2 s against 0.9-2.4 s for one thread (the cores were
already busy, and each process pays for pickling and its own font caches).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from analytics import drawings, drawings_team, tables
from analytics.charts import ChartContext, Colours
from analytics.formatting import Translate, number, percent, signed_percent
from analytics.records import ChartKey, ReportRequest, StackDemand, Trend, Window
from analytics.selection import buckets

log = logging.getLogger(__name__)
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


def _context(data: ReportData, translate: Translate, locale: str) -> ChartContext:
    """The drawing context, with every name's colour fixed before any chart is drawn, in the
    order the drawings meet them: the stack chart's names, then the rates chart's."""
    ctx = ChartContext(translate, locale, data.window.granularity, _subtitle(data, translate),
                       Colours())
    demand: StackDemand = data.results[ChartKey.demand_stack]
    for trend in demand.trends:
        ctx.colours.of(trend.name)
    rates = data.results.get(ChartKey.rates)
    if rates is not None and ChartKey.rates in data.request.chart_keys:
        for name in dict.fromkeys(p.name for p in rates.series):
            ctx.colours.of(name)
    return ctx


def _report(data: ReportData, images: dict[ChartKey, bytes], failed: list[ChartKey],
            translate: Translate, locale: str) -> Report:
    charts = []
    for key, image in images.items():
        result = data.results[key]
        caption = _stack_caption(result, translate, locale) if key is ChartKey.demand_stack \
            else ""
        charts.append(Chart(
            key=key, title=translate(f"chart-{key.value.replace('_', '-')}-title"), png=image,
            csv=getattr(tables, key.value)(result, translate), caption=caption,
            has_data=_has_data(key, result),
        ))
    return Report(tuple(charts), _summary(data, translate, locale), tuple(failed),
                  rising(data.results[ChartKey.demand_stack]))


def render(data: ReportData, translate: Translate, locale: str) -> Report:
    """Draws every requested chart; one that raises is logged and left out, the rest stay."""
    ctx = _context(data, translate, locale)
    images: dict[ChartKey, bytes] = {}
    failed: list[ChartKey] = []
    for key in dict.fromkeys(data.request.chart_keys):
        try:
            images[key] = _draw(key, data, ctx)
        except Exception:
            log.exception("drawing chart %s failed; the report goes out without it", key.value)
            failed.append(key)
    return _report(data, images, failed, translate, locale)
