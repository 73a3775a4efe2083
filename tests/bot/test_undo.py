"""Hiding a card can be undone for 30 seconds; deleting a search asks first."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.handlers import cards as card_handlers
from db.models import HiddenCard, SavedSearch
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]


async def _count(session_factory: Factory, model: type) -> int:
    async with session_factory() as session:
        return int(await session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


class TestUndoHide:
    async def test_hide_then_undo_brings_the_card_back(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        await make_card(session_factory, await make_source(session_factory), title="Kotlin lead")
        await manager.send("/feed")
        await manager.press("🙈 Скрыть")
        hidden = manager.message_with_button("↩️ Вернуть (30 с)")
        assert hidden.text == "Запрос скрыт из вашей ленты."
        assert hidden.buttons == ["↩️ Вернуть (30 с)"]
        assert await _count(session_factory, HiddenCard) == 1
        await manager.press("↩️ Вернуть (30 с)")
        assert manager.last_alert == "Запрос снова в ленте"
        card = next(m for m in manager.messages if m.message_id == hidden.message_id)
        assert card.text.startswith("Kotlin lead") and "🙈 Скрыть" in card.buttons
        assert await _count(session_factory, HiddenCard) == 0

    async def test_undo_after_30_seconds_is_refused_and_the_button_goes(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        await make_card(session_factory, await make_source(session_factory), title="Rust")
        await manager.send("/feed")
        await manager.press("🙈 Скрыть")
        hidden = manager.message_with_button("↩️ Вернуть (30 с)")
        later = time.time() + 31
        monkeypatch.setattr(card_handlers.time, "time", lambda: later)
        await manager.press("↩️ Вернуть (30 с)")
        assert manager.last_alert == "Вернуть уже нельзя: прошло больше 30 секунд."
        after = next(m for m in manager.messages if m.message_id == hidden.message_id)
        assert after.buttons == [] and after.text == "Запрос скрыт из вашей ленты."
        assert await _count(session_factory, HiddenCard) == 1


class TestConfirmDelete:
    async def test_deleting_a_search_asks_and_no_keeps_it(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        await manager.send("/search senior go")
        await manager.press("🗑 Удалить")
        assert manager.last_message.text == (
            "Удалить поиск «senior go»? Уведомления по нему прекратятся.")
        assert await _count(session_factory, SavedSearch) == 1
        await manager.press("✖️ Нет, оставить")
        assert await _count(session_factory, SavedSearch) == 1
        await manager.press("🗑 Удалить")
        await manager.press("🗑 Да, удалить")
        assert await _count(session_factory, SavedSearch) == 0
