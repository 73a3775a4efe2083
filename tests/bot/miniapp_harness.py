"""The Mini App under test: the real Dispatcher and Bot on the sandbox emulator, the bot's
aiohttp app serving the page and API on an ephemeral port, users placed in teams."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import build_dispatcher
from bot.webapp.miniapp import open_in_chat
from bot.webapp.server import make_app
from db.models import Team
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from sandbox.emulator import BotApiEmulator
from sandbox.initdata import sign_init_data
from tests.bot.conftest import TOKEN, bot_settings, free_port, join, sandbox_bot
from tests.fakes.mailer import FakeMailer
from tests.support.chat import ChatUser, TelegramHarness


@dataclass
class MiniApp:
    tg: TelegramHarness
    url: str  # the page, as BOT_WEBAPP_URL names it
    http: aiohttp.ClientSession

    def init_data(self, tg_user_id: int, **extra: Any) -> str:
        return self.tg.emu.sign_init_data(tg_user_id, **extra)

    async def call(
        self, tg_user_id: int | None, path: str, body: Any = None, *,
        init_data: str | None = None,
    ) -> tuple[int, Any]:
        """GET (or POST with a body) /miniapp/api/<path> as that user."""
        raw = init_data if init_data is not None else (
            self.init_data(tg_user_id) if tg_user_id is not None else ""
        )
        headers = {"Authorization": f"tma {raw}"} if raw else {}
        method = "POST" if body is not None else "GET"
        async with self.http.request(method, f"{self.url}api/{path}", json=body,
                                     headers=headers) as response:
            return response.status, await response.json()


def expired_init_data(tg_user_id: int, emu: BotApiEmulator, age_seconds: int) -> str:
    user = {"id": tg_user_id, "first_name": "Old"}
    return sign_init_data(TOKEN, user, auth_date=int(time.time()) - age_seconds)


async def make_team(session_factory: async_sessionmaker[AsyncSession], name: str) -> int:
    async with session_factory() as session:
        team = Team(name=name)
        session.add(team)
        await session.commit()
        return team.id


async def place(tg: TelegramHarness, user: ChatUser, team_id: int | None,
                role: str | None = None) -> int:
    """Puts a joined user in a team (and role); returns their user id."""
    uow = UnitOfWork(tg.dp["session_factory"])
    async with uow:
        found = await uow.repo(UserRepo).by_tg_id(user.id)
        assert found is not None
        values: dict[str, Any] = {"team_id": team_id}
        if role:
            values["role"] = role
        await uow.repo(UserRepo).update(found.id, **values)
        await uow.commit()
    return found.id


@pytest.fixture
def miniapp_options() -> dict[str, Any]:
    """Override in a module for other MiniAppSettings (e.g. a low rate limit)."""
    return {}


@pytest_asyncio.fixture
async def miniapp(
    emu: BotApiEmulator, session_factory: async_sessionmaker[AsyncSession], redis: Any,
    mailer: FakeMailer, miniapp_options: dict[str, Any],
) -> AsyncIterator[MiniApp]:
    from bot.webapp.settings import MiniAppSettings

    port = free_port()
    url = f"http://127.0.0.1:{port}/miniapp/"
    bot = sandbox_bot(emu)
    settings = bot_settings(webapp_url=url)
    dispatcher = build_dispatcher(session_factory, redis, mailer, settings)
    await open_in_chat(bot, dispatcher, settings, MiniAppSettings(**miniapp_options))
    runner = web.AppRunner(make_app(dispatcher=dispatcher))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    async with aiohttp.ClientSession() as http:
        yield MiniApp(TelegramHarness(emu, bot, dispatcher), url, http)
    await runner.cleanup()
    await bot.session.close()


async def admin_and(tg: TelegramHarness, *people: tuple[int, str, str]) -> list[ChatUser]:
    """The admin (/start), then each (tg id, name, language) admitted by invite."""
    admin = await tg.user(1, "Alla", language="ru")
    await admin.send("/start")
    joined = [await join(tg, admin, uid, name, language=lang) for uid, name, lang in people]
    return [admin, *joined]
