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


def _subtitle(request: ReportRequest, window: Window, t: Translate) -> str:
    f = request.filters
    parts = [t("chart-period", days=window.days),
             t(f"chart-granularity-{window.granularity.value}")]
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


def _draw(key: ChartKey, result: Any, window: Window, ctx: ChartContext) -> bytes:
    # Looked up at call time, so a test can make one drawing fail.
    module = drawings_team if key in TEAM_CHARTS else drawings
    drawer: Callable[..., bytes] = getattr(module, key.value)
    if key in (ChartKey.demand_stack, ChartKey.rates):
        return drawer(result, buckets(window), ctx)
    return drawer(result, ctx)


def _has_data(key: ChartKey, result: Any) -> bool:
    for name in ("trends", "roles", "stacks", "combos", "rows", "total"):
        if hasattr(result, name):
            return bool(getattr(result, name))
    return False


class Painter:
    """One report's drawing, chart by chart as the query results come in, so a caller can
    draw one chart while the database works on the next (analytics.reports.build).

    `add` must be called in one order (never two at once), the stack demand before the rates:
    it fixes the report's colours in the order the drawings meet the names, the stack chart's
    names, then the rates chart's, so a name has the same colour however the results arrive.
    The team charts take no colours, so one may come before the stack demand (reports.build
    draws the response chart while the facets are counted). The charts of one Painter share
    their renderers (analytics.canvas), one chart at a time."""

    def __init__(self, request: ReportRequest, window: Window, translate: Translate,
                 locale: str) -> None:
        self.request, self.window = request, window
        self.translate, self.locale = translate, locale
        self.ctx = ChartContext(translate, locale, window.granularity,
                                _subtitle(request, window, translate), Colours())
        self.images: dict[ChartKey, bytes] = {}
        self.failed: set[ChartKey] = set()

    def add(self, key: ChartKey, result: Any) -> None:
        """Draws `key` if the report asks for it; a drawing that raises is logged and left
        out, the rest stay."""
        wanted = key in self.request.chart_keys
        if key is ChartKey.demand_stack:
            for trend in result.trends:
                self.ctx.colours.of(trend.name)
        elif key is ChartKey.rates and wanted:
            for name in dict.fromkeys(p.name for p in result.series):
                self.ctx.colours.of(name)
        if not wanted:
            return
        try:
            self.images[key] = _draw(key, result, self.window, self.ctx)
        except Exception:
            log.exception("drawing chart %s failed; the report goes out without it", key.value)
            self.failed.add(key)

    def report(self, data: ReportData) -> Report:
        """The drawn charts in the request's order, with their CSVs and captions."""
        order = list(dict.fromkeys(self.request.chart_keys))
        images = {key: self.images[key] for key in order if key in self.images}
        return _report(data, images, [key for key in order if key in self.failed],
                       self.translate, self.locale)


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
    """Draws every requested chart of finished query results, one after another."""
    painter = Painter(data.request, data.window, translate, locale)
    for key in dict.fromkeys((ChartKey.demand_stack, *data.request.chart_keys)):
        painter.add(key, data.results[key])
    return painter.report(data)
