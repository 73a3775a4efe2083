"""The foundation acceptance test: /start round trip through the real Dispatcher and sandbox."""

from __future__ import annotations

import json

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.callbacks import MenuAction, MenuCb
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from tests.bot.conftest import ADMIN_ID
from tests.support.chat import TelegramHarness


class TestStart:
    async def test_start_sends_the_menu_keyboard(
        self, tg: TelegramHarness, session_factory: async_sessionmaker[AsyncSession]
    ) -> None:
        anna = await tg.user(ADMIN_ID, "Alla", language="ru")

        await anna.send("/start")

        call = tg.emu.calls_of("sendMessage")[-1]
        assert call.ok and call.params["chat_id"] == ADMIN_ID
        assert "Здравствуйте, Alla" in call.params["text"]
        markup = call.params["reply_markup"]
        if isinstance(markup, str):
            markup = json.loads(markup)
        data = [b["callback_data"] for row in markup["inline_keyboard"] for b in row]
        assert [MenuCb.unpack(d).action for d in data] == [
            MenuAction.feed, MenuAction.searches, MenuAction.settings, MenuAction.stats,
        ]
        assert anna.last_message.buttons == ["📰 Лента", "🔔 Поиски", "⚙️ Настройки",
                                             "📊 Аналитика"]
        async with UnitOfWork(session_factory) as uow:
            user = await uow.repo(UserRepo).by_tg_id(ADMIN_ID)
        assert user is not None and user.role == "admin"

    async def test_start_in_english(self, tg: TelegramHarness) -> None:
        alla = await tg.user(ADMIN_ID, "Alla", language="en")
        await alla.send("/start")
        assert alla.last_message.text.startswith("Hello, Alla")
        assert alla.last_message.buttons[0] == "📰 Feed"
