"""The Agg canvas every chart is drawn on: matplotlib's own, with two costs taken out.

Text. matplotlib 3.11 lays a string out twice (once to measure it, once to draw it) and then
loads, rasterises and blends it glyph by glyph in Python: two thirds of a chart's text time,
and text was half of a chart set's drawing (0.86 s of CPU per set at 1,000,000 cards).
`TextRenderer` draws a string as matplotlib 3.10 did, FreeType laying it out and rasterising
it into one bitmap that Agg blends in one call, and keeps each bitmap for the rest of the
chart set: the subtitle, the axis labels and most tick labels come back in several charts.
The pixels are those of matplotlib's own 3.10 path (tests/analytics/test_canvas.py holds them
against the stock renderer).

The renderers. `Renderers` holds one renderer per image size for one chart set, so the
charts of a set share the bitmaps above and matplotlib's own text-size cache (keyed by the
renderer). A set draws one chart at a time, so a renderer is never used by two threads at
once; two sets have two `Renderers`.

PNG. The figure's background is opaque, so the image is written as RGB with no row filter at
zlib level 1 (`png_bytes`): Pillow's RGBA at level 1 took 13 ms a chart, this 8 ms, and the
file is smaller (Telegram re-encodes photos anyway).
"""

from __future__ import annotations

import math
import struct
import zlib
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.figure import Figure

PNG_LEVEL = 1
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class TextRenderer(RendererAgg):
    """RendererAgg that draws a string as one FreeType bitmap and keeps the bitmaps."""

    def __init__(self, width: int, height: int, dpi: float) -> None:
        super().__init__(width, height, dpi)
        self.bitmaps: dict[tuple[Any, ...], tuple[np.ndarray, float, float, float]] = {}

    def draw_text(self, gc: Any, x: float, y: float, s: str, prop: Any, angle: float,
                  ismath: Any = False, mtext: Any = None) -> None:
        if ismath:  # mathtext ($…$) keeps matplotlib's own path; the charts have none
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            return
        antialiased = gc.get_antialiased()
        key = (s, antialiased, prop.copy())  # a FontProperties compares by its values
        found = self.bitmaps.get(key)
        if found is None:
            font = self._prepare_font(prop)
            font.set_text(s, 0, flags=get_hinting_flag())
            font.draw_glyphs_to_bitmap(antialiased=antialiased)
            left, top = font.get_bitmap_offset()
            found = (font.get_image(), left / 64, top / 64, font.get_descent() / 64)
            self.bitmaps[key] = found
        image, left, top, descent = found
        # The bitmap is drawn unrotated and turned by Agg; the descent turns with it.
        x = round(x + left + descent * math.sin(math.radians(angle)))
        y = round(y + top + descent * math.cos(math.radians(angle)))
        self._renderer.draw_text_image(image, x, y + 1, angle, gc)


class Renderers:
    """One chart set's renderers, one per image size (see the module's docstring)."""

    def __init__(self) -> None:
        self.by_size: dict[tuple[int, int, float], TextRenderer] = {}

    def get(self, width: int, height: int, dpi: float) -> TextRenderer:
        key = (width, height, dpi)
        if key not in self.by_size:
            self.by_size[key] = TextRenderer(width, height, dpi)
        return self.by_size[key]


class SetCanvas(FigureCanvasAgg):
    """An Agg canvas drawing on its chart set's shared renderer for its size."""

    def __init__(self, figure: Figure, renderers: Renderers) -> None:
        super().__init__(figure)
        self.renderers = renderers

    def get_renderer(self) -> TextRenderer:
        width, height = self.get_width_height(physical=True)
        self.renderer = self.renderers.get(width, height, self.figure.dpi)
        return self.renderer


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data)))


def png_bytes(canvas: FigureCanvasAgg) -> bytes:
    """The drawn canvas as an 8-bit RGB PNG (alpha dropped: the figure is opaque)."""
    rgba = np.asarray(canvas.buffer_rgba())
    height, width, _ = rgba.shape
    rows = np.zeros((height, 1 + width * 3), dtype=np.uint8)  # each row: filter 0, pixels
    rows[:, 1:] = rgba[:, :, :3].reshape(height, width * 3)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (PNG_SIGNATURE + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows.tobytes(), PNG_LEVEL)) + _chunk(b"IEND", b""))
