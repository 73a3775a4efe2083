"""The drawings of the operations charts: channels, our response time, the pipeline."""

from __future__ import annotations

from analytics.charts import (
    BAD,
    GOOD,
    INK,
    MUTED,
    NEUTRAL,
    ChartContext,
    legend,
    new_figure,
    png,
    titled,
)
from analytics.drawings import empty, hbars, label
from analytics.formatting import hours, number, percent, shorten
from analytics.records import RESPONSE_BUCKETS, Channels, Pipeline, Response

RESPONSE_COLOURS = ("#009E73", "#56B4E9", "#E69F00", "#D55E00", "#8B1E3F", "#B8BCC4")
SILENT_DAYS = 3  # a source quiet this long is drawn in the alarm colour
CHANNEL_COLUMNS = (0.64, 0.74, 0.84, 0.94)  # figure x of the table beside the bars


def channels(data: Channels, ctx: ChartContext) -> bytes:
    """Bars of posts per source, with a small table beside them: request share, cross-post
    share, how often it posted a request first, and how long it has been quiet."""
    t, key = ctx.translate, "chart-channels-title"
    rows = [r for r in data.rows if r.posts or r.last_post_at]
    if not rows:
        return empty(ctx, key)
    height = max(4.2, 1.9 + 0.4 * len(rows))
    figure, (ax,) = new_figure(ctx, height=height)
    titled(figure, t(key), ctx.subtitle)
    ages = [None if r.last_post_at is None else data.as_of - r.last_post_at for r in rows]
    colours = [BAD if a is None or a.days >= SILENT_DAYS else NEUTRAL for a in ages]
    positions = hbars(ax, [r.name for r in rows], [r.posts for r in rows], colours, ctx)
    ax.set_xlabel(t("chart-channels-axis"), color=MUTED)
    top, bottom = 1 - 1.15 / height, 0.8 / height
    png_args = {"left": 0.27, "right": 0.58, "top": top, "bottom": bottom}
    figure.subplots_adjust(**png_args)
    headers = ("chart-channels-requests", "chart-channels-cross", "chart-channels-first",
               "chart-channels-age")
    for x, header in zip(CHANNEL_COLUMNS, headers, strict=True):
        figure.text(x, top + 0.1 / height, t(header), ha="center", fontsize=9, color=MUTED)
    for y, row, age in zip(positions, rows, ages, strict=True):
        cells = (percent(row.request_share, ctx.locale), percent(row.cross_share, ctx.locale),
                 number(row.first_posts, ctx.locale),
                 hours(age.total_seconds() / 3600 if age else None, t, ctx.locale))
        fy = ax.transData.transform((0, y))[1] / figure.dpi / height
        for x, cell in zip(CHANNEL_COLUMNS, cells, strict=True):
            figure.text(x, fy, cell, ha="center", va="center", fontsize=10, color=INK)
    figure.text(0.02, 0.15 / height, t("chart-channels-note", days=SILENT_DAYS), fontsize=9,
                color=MUTED)
    return png(figure, **png_args)


def response(data: Response, ctx: ChartContext) -> bytes:
    t, key = ctx.translate, "chart-response-title"
    if not data.rows:
        return empty(ctx, key)
    rows = list(data.rows)
    figure, (ax,) = new_figure(ctx, height=max(4.2, 1.8 + 0.42 * len(rows)))
    overall = rows[0].within_hour_share if rows[0].level == "all" else None
    titled(figure, t(key), ctx.subtitle + " · " + t(
        "chart-response-within-hour", share=percent(overall, ctx.locale)))
    positions = list(range(len(rows)))[::-1]
    lefts = [0.0] * len(rows)
    for index, bucket in enumerate(RESPONSE_BUCKETS):
        shares = [r.buckets[index] / r.total if r.total else 0.0 for r in rows]
        ax.barh(positions, shares, left=lefts, height=0.65, color=RESPONSE_COLOURS[index],
                label=t(f"chart-response-{bucket}"))
        lefts = [a + b for a, b in zip(lefts, shares, strict=True)]
    names = [t("chart-response-all") if r.level == "all" else
             (("▸ " if r.level == "team" else "") + r.name) for r in rows]
    ax.set_yticks(positions)
    ax.set_yticklabels([shorten(n, 22) for n in names], fontsize=10)
    for y, row in zip(positions, rows, strict=True):
        ax.text(1.02, y, f"{percent(row.within_hour_share, ctx.locale)} · "
                f"{number(row.total, ctx.locale)}", va="center", fontsize=9, color=INK)
    ax.set_xlim(0, 1.22)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xticklabels([percent(v, ctx.locale) for v in (0, 0.25, 0.5, 0.75, 1.0)])
    ax.grid(False, axis="y")
    legend(ax, loc="upper center", bbox_to_anchor=(0.45, -0.08), ncol=6, fontsize=9,
           handlelength=1.2, columnspacing=0.9)
    height = figure.get_figheight()
    return png(figure, left=0.2, top=1 - 1.0 / height, bottom=1.1 / height)


def pipeline(data: Pipeline, ctx: ChartContext) -> bytes:
    t, key = ctx.translate, "chart-pipeline-title"
    if not data.total:
        return empty(ctx, key)
    figure, (left, right) = new_figure(ctx, 1, 2)
    titled(figure, t(key), ctx.subtitle + " · " + t(
        "chart-pipeline-win-rate", share=percent(data.win_rate, ctx.locale),
        won=number(data.won, ctx.locale), lost=number(data.lost, ctx.locale)))
    stages = list(data.stages)
    texts = [
        f"{number(s.reached, ctx.locale)} · {percent(s.reached / data.total, ctx.locale)}"
        + (f" · {hours(s.median_hours, t, ctx.locale)}" if s.median_hours is not None else "")
        for s in stages
    ]
    colours = [GOOD if s.stage == "won" else BAD if s.stage == "lost" else NEUTRAL
               for s in stages]
    hbars(left, [label(ctx, "stage", s.stage) for s in stages], [s.reached for s in stages],
           colours, ctx, texts)
    left.set_xlim(0, max(s.reached for s in stages) * 1.9 or 1)
    left.set_title(t("chart-pipeline-reached"), fontsize=12, color=INK, loc="left")
    right.set_title(t("chart-pipeline-lost-reasons"), fontsize=12, color=INK, loc="left")
    if data.lost_reasons:
        reasons = list(data.lost_reasons)
        hbars(right, [r.name or t("chart-pipeline-no-reason") for r in reasons],
               [r.count for r in reasons], [BAD] * len(reasons), ctx)
    else:
        right.set_axis_off()
        right.text(0.5, 0.5, t("chart-pipeline-none-lost"), ha="center", color=MUTED,
                   transform=right.transAxes)
    figure.text(0.02, 0.025, t("chart-pipeline-note"), fontsize=9, color=MUTED)
    # left 0.23: "предложены кандидаты" (20 characters) was cut at 0.2.
    return png(figure, left=0.23, wspace=0.75, top=0.78, bottom=0.14)
