"""analytics.canvas: text drawn as whole strings looks like matplotlib's own text, the charts
of a set share their renderer and its bitmaps, and the PNG holds the canvas's pixels."""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from analytics.canvas import Renderers, SetCanvas, png_bytes

TEXTS = (  # (x, y, text, size, weight, rotation): what the charts write
    (0.05, 0.85, "Спрос по технологиям", 14, "bold", 0),
    (0.05, 0.70, "последние 30 дней · по дням", 10, "normal", 0),
    (0.05, 0.50, "1\u00a0500 · 12,5\u00a0% ∞ ∅ ▸ −3 %", 10, "normal", 0),
    (0.60, 0.30, "24.11", 10, "normal", 30),
    (0.05, 0.10, "Python · senior", 9, "normal", 90),
)


def _draw(canvas_of: type | Renderers) -> np.ndarray:
    figure = Figure(figsize=(4, 2.5), dpi=110, facecolor="#FAFAF7")
    canvas = SetCanvas(figure, canvas_of) if isinstance(canvas_of, Renderers) \
        else FigureCanvasAgg(figure)
    for x, y, text, size, weight, rotation in TEXTS:
        figure.text(x, y, text, fontsize=size, fontweight=weight, rotation=rotation,
                    color="#1F2328")
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[:, :, :3].astype(int).copy()


def _ink(image: np.ndarray) -> tuple[int, int, int, int]:
    rows, cols = np.nonzero((image < 200).any(axis=2))
    return rows.min(), rows.max(), cols.min(), cols.max()


def test_whole_string_text_looks_like_matplotlibs_own() -> None:
    stock, ours = _draw(FigureCanvasAgg), _draw(Renderers())
    assert (stock < 200).sum() > 2_000  # there is text to compare
    # The same ink in the same place, to a pixel: glyphs land on whole pixels here, at
    # subpixel offsets there, and the rotated strings are turned by Agg instead of FreeType.
    assert all(abs(a - b) <= 2 for a, b in zip(_ink(stock), _ink(ours), strict=True))
    assert abs((stock < 128).sum() - (ours < 128).sum()) < 0.1 * (stock < 128).sum()
    assert np.abs(stock - ours).mean() < 3


def test_a_chart_sets_figures_share_one_renderer_and_its_bitmaps() -> None:
    renderers = Renderers()
    first, again = _draw(renderers), _draw(renderers)
    assert len(renderers.by_size) == 1
    (renderer,) = renderers.by_size.values()
    assert len(renderer.bitmaps) == len(TEXTS)  # drawn twice, rasterised once
    assert (first == again).all()  # the shared renderer is cleared between figures


def test_png_holds_the_canvas_pixels() -> None:
    figure = Figure(figsize=(3, 2), dpi=110, facecolor="#FAFAF7")
    canvas = SetCanvas(figure, Renderers())
    figure.add_subplot().plot([0, 1, 2], [2, 0, 1], color="#0072B2")
    canvas.draw()
    image = Image.open(io.BytesIO(png_bytes(canvas)))
    assert (image.format, image.mode, image.size) == ("PNG", "RGB", (330, 220))
    assert (np.asarray(image) == np.asarray(canvas.buffer_rgba())[:, :, :3]).all()
