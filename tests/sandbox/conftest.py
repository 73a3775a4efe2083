from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from sandbox import BotApiEmulator

TOKEN = "123:ABC"
ANNA = 1001

EmulatorFactory = Callable[..., Awaitable[BotApiEmulator]]


@pytest.fixture
async def make_emulator() -> AsyncIterator[EmulatorFactory]:
    """Start emulators with custom settings; each gets Anna (ru) and is stopped afterwards."""
    started: list[BotApiEmulator] = []

    async def make(
        rate_limit_per_chat: float | None = None, rate_limit_global: float | None = None
    ) -> BotApiEmulator:
        emulator = BotApiEmulator(
            token=TOKEN,
            bot_username="radar_bot",
            rate_limit_per_chat=rate_limit_per_chat,
            rate_limit_global=rate_limit_global,
        )
        await emulator.start()
        emulator.add_user(ANNA, "Anna", username="anna", language_code="ru")
        started.append(emulator)
        return emulator

    yield make
    for emulator in started:
        await emulator.stop()


@pytest.fixture
async def emu(make_emulator: EmulatorFactory) -> BotApiEmulator:
    return await make_emulator()


def bot_for(emulator: BotApiEmulator) -> Bot:
    return Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url)))


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    bot = bot_for(emu)
    yield bot
    await bot.session.close()
