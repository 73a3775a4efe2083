"""The bot harness: the sandbox emulator over HTTP, the real Bot and the real Dispatcher."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from aiogram import Bot
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import build_bot, build_dispatcher
from bot.settings import BotSettings
from crm import invites
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from sandbox.emulator import BotApiEmulator
from tests.fakes.mailer import FakeMailer
from tests.support.chat import ChatUser, TelegramHarness

TOKEN = "123:ABC"
ADMIN_ID = 1


def bot_settings(**overrides: Any) -> BotSettings:
    values: dict[str, Any] = {
        "token": SecretStr(TOKEN), "admin_ids": [ADMIN_ID], "username": "radar_bot",
        "throttle_rate": 1000, "invite_ttl_hours": 24,
    }
    return BotSettings(**{**values, **overrides})


def sandbox_bot(emu: BotApiEmulator) -> Bot:
    return build_bot(bot_settings(api_base=emu.base_url))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def mailer() -> FakeMailer:
    return FakeMailer()


@pytest.fixture
def emu_options() -> dict[str, Any]:
    """Override in a test module to configure the emulator (e.g. rate_limit_per_chat)."""
    return {}


@pytest_asyncio.fixture
async def emu(emu_options: dict[str, Any]) -> AsyncIterator[BotApiEmulator]:
    emulator = BotApiEmulator(token=TOKEN, bot_username="radar_bot", **emu_options)
    await emulator.start()
    yield emulator
    await emulator.stop()


@pytest_asyncio.fixture
async def tg(
    emu: BotApiEmulator, session_factory: async_sessionmaker[AsyncSession], redis: Any,
    mailer: FakeMailer,
) -> AsyncIterator[TelegramHarness]:
    bot = sandbox_bot(emu)
    dispatcher = build_dispatcher(session_factory, redis, mailer, bot_settings())
    yield TelegramHarness(emu, bot, dispatcher)
    await bot.session.close()


@pytest_asyncio.fixture
async def admin(tg: TelegramHarness) -> ChatUser:
    user = await tg.user(ADMIN_ID, "Alla", language="ru")
    await user.send("/start")
    return user


async def join(tg: TelegramHarness, admin: ChatUser, user_id: int, name: str,
               language: str = "ru", role: str = "manager") -> ChatUser:
    """A new user admitted through a real invite made by the admin."""
    uow = UnitOfWork(tg.dp["session_factory"])
    async with uow:
        admin_record = await uow.repo(UserRepo).by_tg_id(admin.id)
    assert admin_record is not None
    invite = await invites.create(uow, admin_record, role, ttl_hours=1)
    user = await tg.user(user_id, name, language=language)
    await user.send(f"/start {invite.code}")
    return user


@pytest_asyncio.fixture
async def manager(tg: TelegramHarness, admin: ChatUser) -> ChatUser:
    return await join(tg, admin, 1001, "Anna")
