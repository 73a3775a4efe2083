"""The drawing toolkit every chart shares: one theme, one palette, PNG bytes out.

matplotlib's object API only (a `Figure` on an Agg canvas, never pyplot), so charts can be drawn
from worker threads or a process pool. The image carries its own light background and dark text,
so it reads the same in Telegram's light and dark themes; the palette is Okabe–Ito's
colour-blind-safe set, and a name keeps its colour in every chart of a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analytics.canvas import Renderers, SetCanvas, png_bytes
from analytics.formatting import Translate, bucket_label, number
from analytics.records import Granularity

WIDTH_IN, HEIGHT_IN, DPI = 9.0, 5.4, 110  # 990×594 px: sharp on a phone, small as a PNG
BACKGROUND = "#FAFAF7"
INK = "#1F2328"
MUTED = "#5F6672"
GRID = "#D9DCE1"
PALETTE: tuple[str, ...] = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D1F", "#4D4D4D",
    "#7A5195", "#2F9E9E",
)
GOOD, BAD, NEUTRAL = "#009E73", "#D55E00", "#0072B2"
MAX_TIME_TICKS = 8
# Text is most of a chart's drawing, and FreeType's auto-hinter most of the text: unhinted
# glyphs draw a chart set in 0.37 s of CPU against 0.51 s, and at 110 dpi read the same.
# Set once, when the first chart module is imported, never per chart: rcParams are global,
# shared by the threads that draw (matplotlib reads this one at draw time).
matplotlib.rcParams["text.hinting"] = "no_hinting"


@dataclass
class Colours:
    """A report-wide name → colour map, so React is the same blue in every chart."""

    assigned: dict[str, str] = field(default_factory=dict)

    def of(self, name: str) -> str:
        if name not in self.assigned:
            self.assigned[name] = PALETTE[len(self.assigned) % len(PALETTE)]
        return self.assigned[name]


@dataclass(frozen=True)
class ChartContext:
    translate: Translate
    locale: str
    granularity: Granularity
    subtitle: str  # the period and filters, under every title
    colours: Colours
    renderers: Renderers = field(default_factory=Renderers)  # shared by the set's charts


def new_figure(ctx: ChartContext, rows: int = 1, cols: int = 1, *, width: float = WIDTH_IN,
               height: float = HEIGHT_IN) -> tuple[Figure, list[Axes]]:
    # Sizes are set per artist, never through rcParams: those are global, shared by threads.
    figure = Figure(figsize=(width, height), dpi=DPI, facecolor=BACKGROUND)
    SetCanvas(figure, ctx.renderers)
    axes = [figure.add_subplot(rows, cols, i + 1) for i in range(rows * cols)]
    for ax in axes:
        style_axes(ax)
    return figure, axes


def style_axes(ax: Axes) -> None:
    ax.set_facecolor(BACKGROUND)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(GRID)
    ax.tick_params(colors=MUTED, labelcolor=INK, labelsize=10)
    ax.grid(True, color=GRID, linewidth=0.6, alpha=0.8)
    ax.set_axisbelow(True)


def titled(figure: Figure, title: str, subtitle: str) -> None:
    figure.text(0.02, 0.965, title, fontsize=14, fontweight="bold", color=INK, va="top")
    figure.text(0.02, 0.905, subtitle, fontsize=10, color=MUTED, va="top")


def png(figure: Figure, *, top: float = 0.80, bottom: float = 0.14, left: float = 0.08,
        right: float = 0.98, wspace: float = 0.3) -> bytes:
    """Fixed margins (no tight_layout: it costs as much as the drawing itself), drawn once."""
    figure.subplots_adjust(top=top, bottom=bottom, left=left, right=right, wspace=wspace)
    figure.canvas.draw()
    return png_bytes(figure.canvas)  # type: ignore[arg-type]  # always a SetCanvas here


def no_data(ctx: ChartContext, title: str, subtitle: str, message: str, hint: str) -> bytes:
    """A clear "no data" image instead of empty axes."""
    figure, (ax,) = new_figure(ctx)
    ax.set_axis_off()
    titled(figure, title, subtitle)
    ax.text(0.5, 0.56, "∅", fontsize=64, color=GRID, ha="center", va="center",
            transform=ax.transAxes)
    ax.text(0.5, 0.30, message, fontsize=16, color=INK, ha="center", va="center",
            transform=ax.transAxes)
    ax.text(0.5, 0.18, hint, fontsize=11, color=MUTED, ha="center", va="center",
            transform=ax.transAxes, wrap=True)
    return png(figure)


def integer_axis(ax: Axes, locale: str, axis: str = "y", bins: int = 6) -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins=bins, integer=True, min_n_ticks=1))
    target.set_major_formatter(FuncFormatter(lambda v, _: number(v, locale)))


def time_axis(
    ax: Axes, buckets: Sequence[datetime], granularity: Granularity, locale: str
) -> None:
    """Bucket labels on category positions 0..n-1, thinned to at most MAX_TIME_TICKS."""
    step = max(1, -(-len(buckets) // MAX_TIME_TICKS))
    positions = list(range(0, len(buckets), step))
    ax.set_xticks(positions)
    ax.set_xticklabels(
        [bucket_label(buckets[i], granularity, locale) for i in positions],
        rotation=30 if len(positions) > 5 else 0, ha="right" if len(positions) > 5 else "center",
    )
    ax.set_xlim(-0.5, max(len(buckets) - 0.5, 0.5))


def legend(ax: Axes, **options: Any) -> None:
    ax.legend(**{"frameon": False, "fontsize": 10, "labelcolor": INK, **options})
