from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.handlers import menu
from db.models import User
from tests.support.chat import ChatUser, TelegramHarness


class TestSettings:
    async def test_language_switch_changes_texts(
        self, tg: TelegramHarness, manager: ChatUser
    ) -> None:
        await manager.send("/settings")
        assert manager.last_message.text.startswith("Настройки")
        await manager.press("English")
        assert manager.last_message.text.startswith("Settings")
        assert "Language: English" in manager.last_message.text
        await manager.send("/menu")
        assert manager.last_message.text == "Main menu"
        assert manager.last_message.buttons[0] == "📰 Feed"

    async def test_email_is_validated_then_stored_and_toggled(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await manager.send("/settings")
        await manager.press("✏️ Указать почту")
        await manager.send("not an address")
        assert manager.last_message.text.startswith("Это не похоже на адрес")
        await manager.send("anna@example.com")
        assert "anna@example.com (уведомления включены)" in manager.last_message.text
        await manager.press("🔕 Выключить письма")
        async with session_factory() as session:
            user = await session.scalar(sa.select(User).where(User.tg_user_id == manager.id))
        assert user is not None and user.email == "anna@example.com" and not user.email_enabled

    async def test_timezone(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await manager.send("/settings")
        await manager.press("🕒 Часовой пояс")
        await manager.press("Asia/Novosibirsk")
        assert "Часовой пояс: Asia/Novosibirsk" in manager.last_message.text


class TestErrors:
    async def test_a_failing_handler_gets_a_localized_apology_and_a_log_line(
        self, tg: TelegramHarness, manager: ChatUser, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        def broken(*args: object) -> None:
            raise RuntimeError("boom")

        monkeypatch.setattr(menu, "main_menu_kb", broken)
        with caplog.at_level(logging.ERROR, logger="bot.handlers.errors"):
            await manager.send("/menu")
        assert manager.last_message.text.startswith("Что-то пошло не так")
        assert "Traceback" not in manager.last_message.text
        record = next(r for r in caplog.records if "failed in" in r.getMessage())
        assert "cmd_menu" in record.getMessage() and str(manager.id) in record.getMessage()
        assert record.exc_info is not None


class TestThrottling:
    async def test_updates_beyond_the_rate_are_dropped(
        self, tg: TelegramHarness, manager: ChatUser, redis: object,
    ) -> None:
        from bot.middlewares.throttling import ThrottlingMiddleware

        throttle = next(
            m for m in tg.dp.update.outer_middleware if isinstance(m, ThrottlingMiddleware)
        )
        monkey_rate = throttle._rate
        throttle._rate = 2
        try:
            sent_before = len(tg.emu.calls_of("sendMessage"))
            for _ in range(5):
                await manager.send("/menu")
            assert len(tg.emu.calls_of("sendMessage")) - sent_before <= 3
        finally:
            throttle._rate = monkey_rate
