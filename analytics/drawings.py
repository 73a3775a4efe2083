"""One drawing per market chart: frozen query records in, PNG bytes out (see analytics.charts);
the helpers every drawing shares."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from matplotlib.axes import Axes

from analytics.charts import (
    BAD,
    GOOD,
    INK,
    MUTED,
    NEUTRAL,
    ChartContext,
    integer_axis,
    legend,
    new_figure,
    no_data,
    png,
    time_axis,
    titled,
)
from analytics.formatting import number, percent, shorten, signed_percent
from analytics.records import (
    Counted,
    Rates,
    RoleGradeDemand,
    StackDemand,
    SupplyDemand,
)

RESPONSE_COLOURS = ("#009E73", "#56B4E9", "#E69F00", "#D55E00", "#8B1E3F", "#B8BCC4")
SILENT_DAYS = 3
MIN_SLOTS = 5
LONG_AXIS, LONG_AXIS_LINES = 14, 5  # a source quiet this long is drawn in the alarm colour


def label(ctx: ChartContext, prefix: str, value: str) -> str:
    """A vocabulary value through its locale key (role-backend → "бэкенд"), else as stored."""
    key = f"{prefix}-{value}"
    text = ctx.translate(key)
    return value if text == key else text


def empty(ctx: ChartContext, title_key: str) -> bytes:
    t = ctx.translate
    return no_data(ctx, t(title_key), ctx.subtitle, t("chart-no-data"), t("chart-no-data-hint"))


def hbars(ax: Axes, names: Sequence[str], values: Sequence[float], colours: Sequence[str],
           ctx: ChartContext, texts: Sequence[str] | None = None) -> list[int]:
    """Horizontal bars, largest on top, each with its value written at its end; a short list
    keeps thin bars at the top instead of stretching a few into slabs."""
    slots = max(len(names), MIN_SLOTS)
    positions = [slots - 1 - i for i in range(len(names))]
    ax.barh(positions, values, color=colours, height=0.68)
    ax.set_yticks(positions)
    ax.set_yticklabels([shorten(n, 22) for n in names], fontsize=10)
    ax.set_ylim(-0.6, slots - 0.4)
    ax.grid(False, axis="y")
    top = max(values, default=0) or 1
    shown = texts or [number(v, ctx.locale) for v in values]
    for y, value, text in zip(positions, values, shown, strict=True):
        ax.text(value + top * 0.015, y, text, va="center",
                fontsize=9, color=INK)
    ax.set_xlim(0, top * 1.36)
    # Four ticks: bars share the figure with a second panel or a table, and six five-digit
    # labels ("20 000") ran into each other at 1,000,000 cards.
    integer_axis(ax, ctx.locale, "x", bins=4)
    return positions


def _series(buckets: Sequence[datetime], points: dict[datetime, float]) -> list[float]:
    return [points.get(b, 0.0) for b in buckets]


def demand_stack(data: StackDemand, buckets: Sequence[datetime], ctx: ChartContext) -> bytes:
    t, key = ctx.translate, "chart-demand-stack-title"
    if not data.trends:
        return empty(ctx, key)
    figure, (ax,) = new_figure(ctx)
    titled(figure, t(key), ctx.subtitle)
    # Many daily buckets make eight lines a tangle: fewer lines when the axis is long.
    shown = data.trends[:LONG_AXIS_LINES] if len(buckets) > LONG_AXIS else data.trends
    for trend in shown:
        points = {p.bucket: float(p.count) for p in data.series if p.name == trend.name}
        change = signed_percent(trend.change, ctx.locale, t("chart-new"))
        ax.plot(range(len(buckets)), _series(buckets, points), color=ctx.colours.of(trend.name),
                linewidth=2.2, marker="o" if len(buckets) <= 14 else None, markersize=4,
                label=f"{shorten(trend.name, 14)}  {number(trend.current, ctx.locale)} ({change})")
    time_axis(ax, buckets, ctx.granularity, ctx.locale)
    integer_axis(ax, ctx.locale)
    ax.set_ylim(bottom=0)
    ax.set_ylabel(t("chart-axis-requests"), color=MUTED)
    legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0), title=t("chart-legend-change"))
    return png(figure, right=0.66, left=0.07)


def _counted_panel(ax: Axes, rows: Sequence[Counted], prefix: str, title: str,
                   ctx: ChartContext) -> None:
    shown = rows[:8]
    ax.set_title(title, fontsize=12, color=INK, loc="left")
    if not shown:
        ax.set_axis_off()
        ax.text(0.5, 0.5, ctx.translate("chart-no-data"), ha="center", color=MUTED,
                transform=ax.transAxes)
        return
    total = sum(r.count for r in rows) or 1
    hbars(ax, [label(ctx, prefix, r.name) for r in shown], [r.count for r in shown],
           [NEUTRAL] * len(shown), ctx,
           [f"{number(r.count, ctx.locale)} · {percent(r.count / total, ctx.locale)}"
            for r in shown])


def demand_roles(data: RoleGradeDemand, ctx: ChartContext) -> bytes:
    t, key = ctx.translate, "chart-demand-roles-title"
    if not data.roles and not data.grades:
        return empty(ctx, key)
    figure, (left, right) = new_figure(ctx, 1, 2)
    titled(figure, t(key), ctx.subtitle)
    _counted_panel(left, data.roles, "role", t("chart-panel-roles"), ctx)
    _counted_panel(right, data.grades, "grade", t("chart-panel-grades"), ctx)
    return png(figure, left=0.14, wspace=0.55, top=0.78, bottom=0.1)


def supply(data: SupplyDemand, ctx: ChartContext) -> bytes:
    t, key = ctx.translate, "chart-supply-title"
    if not data.stacks and not data.grades:
        return empty(ctx, key)
    figure, (left, right) = new_figure(ctx, 1, 2)
    titled(figure, t(key), ctx.subtitle)
    for ax, rows, prefix, title in ((left, data.stacks, "", t("chart-panel-stacks")),
                                    (right, data.grades, "grade", t("chart-panel-grades"))):
        ax.set_title(title, fontsize=12, color=INK, loc="left")
        rows = rows[:8]
        names = [label(ctx, prefix, r.name) if prefix else r.name for r in rows]
        positions = list(range(len(rows)))[::-1]
        ax.barh([p + 0.2 for p in positions], [r.requests for r in rows], height=0.4,
                color=NEUTRAL, label=t("chart-supply-requests"))
        ax.barh([p - 0.2 for p in positions], [r.supply for r in rows], height=0.4,
                color=GOOD, label=t("chart-supply-available"))
        top = max([r.requests for r in rows] + [r.supply for r in rows] + [1])
        for y, row in zip(positions, rows, strict=True):
            index = "∞" if row.index is None else number(row.index, ctx.locale, 1)
            colour = BAD if row.index is None or row.index > 1 else GOOD
            ax.text(top * 1.03, y, index, va="center", fontsize=10, color=colour,
                    fontweight="bold")
        ax.set_yticks(positions)
        ax.set_yticklabels([shorten(n, 18) for n in names], fontsize=10)
        ax.set_xlim(0, top * 1.25)
        ax.grid(False, axis="y")
        integer_axis(ax, ctx.locale, "x")
    figure.legend(*left.get_legend_handles_labels(), loc="lower left", ncol=2, frameon=False,
                  fontsize=10, bbox_to_anchor=(0.01, 0.05))
    figure.text(0.02, 0.025, t("chart-supply-index-note"), fontsize=9, color=MUTED)
    return png(figure, left=0.13, wspace=0.45, top=0.78, bottom=0.2)


def rates(data: Rates, buckets: Sequence[datetime], ctx: ChartContext) -> bytes:
    t, key = ctx.translate, "chart-rates-title"
    if not data.combos:
        return empty(ctx, key)
    figure, (left, right) = new_figure(ctx, 1, 2)
    titled(figure, t(key), ctx.subtitle + " · " + t(
        "chart-rates-stated", share=percent(data.stated_share, ctx.locale)))
    combos = data.combos[:8]
    positions = list(range(len(combos)))[::-1]
    left.barh(positions, [c.q3 - c.q1 for c in combos], left=[c.q1 for c in combos],
              height=0.5, color="#56B4E9", label=t("chart-rates-iqr"))
    left.scatter([c.median for c in combos], positions, color=INK, zorder=3, s=22,
                 label=t("chart-rates-median"))
    for y, combo in zip(positions, combos, strict=True):
        left.text(combo.q3, y, " " + number(combo.median, ctx.locale), fontsize=9,
                  color=INK, va="center")
    left.set_yticks(positions)
    left.set_yticklabels([shorten(c.name, 22) for c in combos], fontsize=9)
    left.grid(False, axis="y")
    left.set_xlabel(t("chart-axis-rub-hour"), color=MUTED)
    integer_axis(left, ctx.locale, "x")
    low, high = min(c.q1 for c in combos), max(c.q3 for c in combos)
    left.set_xlim(low - (high - low) * 0.05, high + (high - low) * 0.22 + 1)
    figure.legend(*left.get_legend_handles_labels(), loc="lower left", ncol=2, frameon=False,
                  fontsize=10, bbox_to_anchor=(0.01, 0.01))
    for name in dict.fromkeys(p.name for p in data.series):
        points = {p.bucket: p for p in data.series if p.name == name}
        xs = [i for i, b in enumerate(buckets) if b in points]
        colour = ctx.colours.of(name)
        right.plot(xs, [points[buckets[i]].median for i in xs], color=colour, linewidth=2,
                   marker="o", markersize=3, label=shorten(name, 22))
        right.fill_between(xs, [points[buckets[i]].q1 for i in xs],
                           [points[buckets[i]].q3 for i in xs], color=colour, alpha=0.15)
    time_axis(right, buckets, ctx.granularity, ctx.locale)
    integer_axis(right, ctx.locale)
    right.set_title(t("chart-rates-over-time"), fontsize=12, color=INK, loc="left")
    legend(right, loc="upper left", fontsize=9)
    return png(figure, left=0.17, wspace=0.3, top=0.78, bottom=0.22)
