"""The issue's bad inputs: no scope, one data point, a huge and a tiny stack, 60-character
labels, an invalid time zone, a chart whose drawing fails, a period we do not offer."""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PIL import Image
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from analytics import drawings, reports
from analytics.formatting import number, percent, shorten, signed_percent
from analytics.records import ChartKey, ReportRequest
from bot.i18n import Translator
from db.models import RequestCard, User
from db.records.users import UserRecord
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from tests.analytics.test_charts_real_posts import OUT, check_png
from tests.bot.factories import make_card, make_source

I18N = Translator().pick("ru")


async def viewer(session_factory: async_sessionmaker[AsyncSession], **values: Any) -> UserRecord:
    uow = UnitOfWork(session_factory)
    async with uow:
        user = await uow.repo(UserRepo).add(tg_user_id=77, first_name="Ира", username=None,
                                            language="ru", role="manager")
        if values:
            await uow.session.execute(sa.update(User).where(User.id == user.id).values(**values))
        found = await uow.repo(UserRepo).get(user.id)
        await uow.commit()
    assert found is not None
    return found


async def build(session_factory: Any, user: UserRecord, **request: Any) -> reports.Report:
    return await reports.build(UnitOfWork(session_factory), user, ReportRequest(**request),
                               I18N.get, "ru")


class TestFormatting:
    def test_russian_and_english_numbers(self) -> None:
        assert number(1500, "ru") == "1\u00a0500" and number(1500, "en") == "1,500"
        assert percent(0.125, "ru") == "12,5\u00a0%" and percent(0.125, "en") == "12.5%"
        assert percent(None, "ru") == "—" and percent(0.5, "ru") == "50\u00a0%"
        assert signed_percent(-0.25, "ru", "новое") == "−25\u00a0%"
        assert signed_percent(None, "en", "new") == "new"

    def test_long_labels_are_cut(self) -> None:
        label = "Очень длинное название канала с вакансиями для разработчиков 1С"
        assert len(label) > 60 and len(shorten(label)) == 26 and shorten(label).endswith("…")


class TestEdgeCases:
    async def test_a_viewer_without_scope_gets_no_data_images(self, session_factory: Any) -> None:
        source = await make_source(session_factory)
        await make_card(session_factory, source)
        nobody = await viewer(session_factory, scope_roles=[])
        report = await build(session_factory, nobody)
        assert [c.key for c in report.charts] == list(ChartKey)
        assert not any(c.has_data for c in report.charts if c.key is not ChartKey.channels)
        for chart in report.charts:
            check_png(chart.png)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "no-data-ru.png").write_bytes(report.charts[0].png)
        en = await reports.build(UnitOfWork(session_factory), nobody, ReportRequest(),
                                 Translator().pick("en").get, "en")
        (OUT / "no-data-en.png").write_bytes(en.charts[0].png)
        assert "Заявок: 0" in report.summary

    async def test_one_data_point_and_an_invalid_time_zone(self, session_factory: Any) -> None:
        source = await make_source(session_factory)
        await make_card(session_factory, source)
        user = await viewer(session_factory, timezone="Mars/Olympus_Mons")
        report = await build(session_factory, user, period_days=7)
        assert report.failed == ()
        assert all(c.has_data for c in report.charts if c.key in (
            ChartKey.demand_stack, ChartKey.demand_roles, ChartKey.supply, ChartKey.rates))
        for chart in report.charts:
            check_png(chart.png)
        (OUT / "one-point-ru.png").write_bytes(report.charts[0].png)

    async def test_a_stack_in_ten_thousand_cards_and_one_in_one_with_long_names(
        self, session_factory: Any,
    ) -> None:
        source = await make_source(session_factory, title="Канал " + "с очень длинным именем " * 3)
        long_stack = "Фреймворк-с-очень-длинным-названием-для-проверки-подписей-60"
        assert len(long_stack) >= 60
        now = datetime.now(UTC)
        async with session_factory() as session:
            await session.execute(sa.insert(RequestCard), [
                {"title": f"Java {n}", "stack": ["Java"], "grades": ["senior"],
                 "first_seen_at": now - timedelta(minutes=n * 4),
                 "last_seen_at": now - timedelta(minutes=n * 4)} for n in range(10_000)
            ])
            await session.commit()
        await make_card(session_factory, source, stack=[long_stack])
        report = await build(session_factory, await viewer(session_factory), period_days=90)
        demand = next(c for c in report.charts if c.key is ChartKey.demand_stack)
        table = demand.csv.decode("utf-8-sig")
        assert ",Java," in table and long_stack in table
        assert "Java" in report.summary
        for chart in report.charts:
            image = check_png(chart.png)
            assert image.width == 990  # long names are cut, never widen the figure
        (OUT / "huge-and-tiny-ru.png").write_bytes(demand.png)
        (OUT / "long-labels-channels-ru.png").write_bytes(
            next(c for c in report.charts if c.key is ChartKey.channels).png)

    async def test_a_failing_chart_is_logged_and_the_others_still_come(
        self, session_factory: Any, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        source = await make_source(session_factory)
        await make_card(session_factory, source)

        def broken(*args: Any) -> bytes:
            raise RuntimeError("matplotlib could not draw this")

        monkeypatch.setattr(drawings, "rates", broken)
        with caplog.at_level(logging.ERROR, logger="analytics.reports"):
            report = await build(session_factory, await viewer(session_factory))
        assert report.failed == (ChartKey.rates,)
        assert len(report.charts) == len(ChartKey) - 1
        assert "drawing chart rates failed" in caplog.text

    async def test_a_period_we_do_not_offer_is_refused(self, session_factory: Any) -> None:
        user = await viewer(session_factory)
        with pytest.raises(ValueError, match="period"):
            await build(session_factory, user, period_days=13)
        assert replace(ReportRequest(), period_days=365).period_days == 365


def test_png_helper_rejects_a_flat_image() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (990, 594), "white").save(buffer, format="PNG")
    with pytest.raises(AssertionError):
        check_png(buffer.getvalue())
    assert Path(OUT).name == "charts"
