"""reports.build draws each chart while the next query runs (analytics.rendering.Painter): its
report must be the one the two halves give one after another."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from analytics import drawings_team, reports
from analytics.records import ChartKey, Granularity, ReportKind, ReportRequest
from bot.i18n import Translator
from db.uow import UnitOfWork
from tests.analytics.seed import RECORDS, seed

pytestmark = pytest.mark.skipif(not RECORDS.exists(), reason=f"shared posts not at {RECORDS}")


def pixels(png: bytes) -> bytes:
    return Image.open(io.BytesIO(png)).convert("RGB").tobytes()


class TestDrawingBesideTheQueries:
    async def test_build_gives_what_collect_then_render_gives(
        self, session_factory: Any, tmp_path: Path
    ) -> None:
        seeded = await seed(session_factory, tmp_path)
        i18n = Translator().pick("ru")
        # The channels report asks for the stack chart last, though it is queried first.
        for kind in (ReportKind.overview, ReportKind.channels):
            request = ReportRequest(report=kind, period_days=90, granularity=Granularity.week,
                                    end=seeded.end)
            built = await reports.build(UnitOfWork(session_factory), seeded.admin, request,
                                        i18n.get, "ru")
            data = await reports.collect(UnitOfWork(session_factory), seeded.admin, request)
            rendered = reports.render(data, i18n.get, "ru")
            assert [c.key for c in built.charts] == list(request.chart_keys)
            assert [c.key for c in built.charts] == [c.key for c in rendered.charts]
            for ours, theirs in zip(built.charts, rendered.charts, strict=True):
                assert pixels(ours.png) == pixels(theirs.png), ours.key
                assert (ours.csv, ours.caption, ours.has_data) == \
                    (theirs.csv, theirs.caption, theirs.has_data), ours.key
            assert (built.summary, built.rising, built.failed) == \
                (rendered.summary, rendered.rising, rendered.failed)

    async def test_a_failing_drawing_leaves_the_others(
        self, session_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        seeded = await seed(session_factory, tmp_path)

        def broken(*_: Any) -> bytes:
            raise RuntimeError("matplotlib fell over")

        monkeypatch.setattr(drawings_team, "channels", broken)
        report = await reports.build(
            UnitOfWork(session_factory), seeded.admin,
            ReportRequest(period_days=90, granularity=Granularity.week, end=seeded.end),
            Translator().pick("en").get, "en")
        assert report.failed == (ChartKey.channels,)
        assert [c.key for c in report.charts] == [k for k in ChartKey
                                                  if k is not ChartKey.channels]
