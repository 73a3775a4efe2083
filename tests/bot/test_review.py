"""/review: admins walk the cards marked for review; confirm or correct, both kept for training."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import correction_export
from db.models import LabelCorrection, RequestCard
from db.uow import UnitOfWork
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, TelegramHarness


async def _flags(session_factory: async_sessionmaker[AsyncSession]) -> list[bool]:
    async with session_factory() as session:
        return list(await session.scalars(
            sa.select(RequestCard.needs_review).order_by(RequestCard.id)))


class TestReviewQueue:
    async def test_confirm_and_correct_empty_the_queue_and_become_training_data(
        self, tg: TelegramHarness, admin: ChatUser, uow: UnitOfWork,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        source = await make_source(session_factory)
        await make_card(session_factory, source, title="Sure card")
        first = await make_card(session_factory, source, title="Unsure one", needs_review=True)
        await make_card(session_factory, source, title="Unsure two", needs_review=True)
        await admin.send("/review")
        assert "На проверке: 2 карточки" in admin.last_message.text
        assert "Unsure one" in admin.last_message.text

        await admin.press("✅ Метки верны")
        assert admin.last_alert == "Подтверждено: сохранено для обучения"
        assert "Unsure two" in admin.last_message.text
        await admin.press("✏️ Исправить метки")
        await admin.press("Грейд")
        await admin.press("senior")
        assert await _flags(session_factory) == [False, False, False]

        rows: list[dict[str, Any]] = []
        await correction_export.export(uow, rows.append)
        confirmed = next(r for r in rows if r["key"] == f"card:{first}")
        assert confirmed["corrected"] == ["format", "grades", "kind", "roles"]
        async with session_factory() as session:
            fields = sorted(await session.scalars(sa.select(LabelCorrection.field)))
        assert fields == ["confirmed", "grades"]
        await admin.send("/review")
        assert "Проверять нечего" in admin.last_message.text

    async def test_a_manager_is_refused(self, tg: TelegramHarness, manager: ChatUser) -> None:
        await manager.send("/review")
        assert "На проверке" not in manager.last_message.text
