"""What the two Mini App benchmarks share: the bot's aiohttp app with the Mini App mounted on
a database of their own, a sandbox emulator (the Bot API and the page's Telegram script), and
users in two teams to call it as."""

from __future__ import annotations

import statistics
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import fakeredis
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.i18n import Translator
from bot.webapp.context import MiniAppContext
from bot.webapp.miniapp import add_miniapp
from bot.webapp.settings import MiniAppSettings
from db.engine import make_session_factory
from sandbox import BotApiEmulator

TOKEN = "123:BENCH"
# (tg id, role, team): the users the benchmarks call as; ids 1..3 in the users table.
USERS_SQL = """
INSERT INTO teams (id, name) VALUES (1, 'A'), (2, 'B');
INSERT INTO users (id, tg_user_id, first_name, language, role, team_id)
VALUES (1, 101, 'Admin', 'en', 'admin', NULL), (2, 102, 'Anna', 'ru', 'manager', 1),
       (3, 103, 'Lead', 'en', 'lead', 1);
"""
ADMIN, MANAGER, LEAD = 101, 102, 103


@dataclass
class Served:
    url: str  # the page, /miniapp/
    emulator: BotApiEmulator

    def init_data(self, tg_user_id: int) -> str:
        return self.emulator.sign_init_data(tg_user_id)


@asynccontextmanager
async def serve_miniapp(engine: AsyncEngine) -> AsyncIterator[Served]:
    emulator = BotApiEmulator(token=TOKEN, bot_username="radar_bot")
    await emulator.start()
    for tg_id, name in ((ADMIN, "Admin"), (MANAGER, "Anna"), (LEAD, "Lead")):
        emulator.add_user(tg_id, name, language_code="en")
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url)))
    app = web.Application()
    add_miniapp(app, MiniAppContext(
        bot=bot, session_factory=make_session_factory(engine),
        redis=fakeredis.FakeAsyncRedis(), translator=Translator(),
        settings=MiniAppSettings(mutations_per_minute=100_000),
    ))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    try:
        yield Served(f"http://{host}:{port}/miniapp/", emulator)
    finally:
        await runner.cleanup()
        await bot.session.close()
        await emulator.stop()


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]
