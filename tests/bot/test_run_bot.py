"""run_bot end to end: long polling against the sandbox, commands set, clean stop."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import build_bot, build_dispatcher, run_bot
from sandbox.emulator import BotApiEmulator
from tests.bot.conftest import ADMIN_ID, bot_settings
from tests.fakes.mailer import FakeMailer


class TestRunBot:
    async def test_polls_answers_and_stops(
        self, emu: BotApiEmulator, session_factory: async_sessionmaker[AsyncSession],
        redis: Any,
    ) -> None:
        settings = bot_settings(api_base=emu.base_url, delivery_workers=1)
        bot = build_bot(settings)
        dispatcher = build_dispatcher(session_factory, redis, FakeMailer(), settings)
        stop = asyncio.Event()
        running = asyncio.create_task(run_bot(bot, dispatcher, settings, stop_event=stop))
        try:
            emu.add_user(ADMIN_ID, "Alla", language_code="en")
            since = len(emu.calls)
            emu.send_text(ADMIN_ID, "/start")
            call = await emu.wait_for("sendMessage", since=since, timeout=10)
            assert call.params["text"].startswith("Hello, Alla")
            languages = {c.params.get("language_code") for c in emu.calls_of("setMyCommands")}
            assert {"ru", "en"} <= languages
        finally:
            stop.set()
            await asyncio.wait_for(running, timeout=15)

    async def test_an_unreachable_bot_api_at_start_is_waited_out(
        self, session_factory: async_sessionmaker[AsyncSession], redis: Any,
    ) -> None:
        from tests.bot.conftest import TOKEN, free_port

        port = free_port()
        settings = bot_settings(api_base=f"http://127.0.0.1:{port}", delivery_workers=1)
        bot = build_bot(settings)
        dispatcher = build_dispatcher(session_factory, redis, FakeMailer(), settings)
        stop = asyncio.Event()
        running = asyncio.create_task(run_bot(bot, dispatcher, settings, stop_event=stop))
        emu = BotApiEmulator(token=TOKEN, bot_username="radar_bot")
        try:
            await asyncio.sleep(1.5)
            assert not running.done(), "run_bot gave up while the Bot API was unreachable"
            await emu.start(port=port)
            emu.add_user(ADMIN_ID, "Alla", language_code="en")
            emu.send_text(ADMIN_ID, "/start")
            call = await emu.wait_for("sendMessage", timeout=20)
            assert call.params["text"].startswith("Hello, Alla")
        finally:
            stop.set()
            await asyncio.wait_for(running, timeout=15)
            await emu.stop()
