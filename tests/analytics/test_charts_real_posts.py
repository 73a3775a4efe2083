"""Every chart drawn from real shared posts stored and classified by the real path, in both
locales, saved under var/charts/ for a person to open."""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from analytics import reports
from analytics.records import ChartKey, Granularity, ReportRequest
from bot.i18n import Translator
from db.uow import UnitOfWork
from tests.analytics.seed import RECORDS, seed

OUT = Path(__file__).resolve().parents[2] / "var" / "charts"
pytestmark = pytest.mark.skipif(not RECORDS.exists(), reason=f"shared posts not at {RECORDS}")


def check_png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.width >= 900 and image.height >= 450, image.size
    assert 8_000 < len(data) < 1_000_000
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 50, "the image is (nearly) one flat colour"
    return image


class TestChartsFromRealPosts:
    async def test_every_chart_renders_in_both_locales(
        self, session_factory: Any, tmp_path: Path
    ) -> None:
        seeded = await seed(session_factory, tmp_path)
        translator = Translator()
        OUT.mkdir(parents=True, exist_ok=True)
        for locale in ("ru", "en"):
            i18n = translator.pick(locale)
            for viewer in (seeded.admin, seeded.managers[0]):
                request = ReportRequest(period_days=90, granularity=Granularity.week,
                                        end=seeded.end)
                data = await reports.collect(UnitOfWork(session_factory), viewer, request)
                report = reports.render(data, i18n.get, locale)
                assert report.failed == ()
                assert [c.key for c in report.charts] == list(ChartKey)
                for chart in report.charts:
                    check_png(chart.png)
                    assert chart.has_data, chart.key
                    assert chart.csv.decode("utf-8-sig").count("\n") >= 2, chart.key
                    who = "admin" if viewer.is_admin else "manager"
                    (OUT / f"{chart.key.value}-{locale}-{who}.png").write_bytes(chart.png)
                assert report.summary
                # Kept beside the images so a person can redraw them after a style change.
                (OUT / f"data-{who}.pickle").write_bytes(pickle.dumps(data))
            daily = await reports.build(
                UnitOfWork(session_factory), seeded.admin,
                ReportRequest(period_days=30, granularity=Granularity.day, end=seeded.end),
                i18n.get, locale)
            for chart in daily.charts:
                check_png(chart.png)
                (OUT / f"{chart.key.value}-{locale}-daily.png").write_bytes(chart.png)
