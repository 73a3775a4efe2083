"""Round trip through the sandbox: a user's /start goes in over getUpdates long polling, the real
aiogram Dispatcher handles it, and the emulator receives the bot's sendMessage with a keyboard."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import CommandStart
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bench.common import Figure, write_results
from sandbox import BotApiEmulator

TOKEN = "123456:BENCH"
USER_ID = 1001


def _router() -> Router:
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="Feed", callback_data="feed")]]
        )
        await message.answer("hello", reply_markup=keyboard)

    return router


async def _run(messages: int) -> list[float]:
    emulator = BotApiEmulator(token=TOKEN, bot_username="bench_bot")
    await emulator.start(host="127.0.0.1", port=0)
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url)))
    dispatcher = Dispatcher()
    dispatcher.include_router(_router())
    polling = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=10)
    )
    emulator.add_user(user_id=USER_ID, first_name="Bench", username="bench", language_code="en")
    latencies = []
    try:
        for _ in range(messages):
            since = len(emulator.calls)
            started = time.perf_counter()
            emulator.send_text(USER_ID, "/start")
            await emulator.wait_for("sendMessage", since=since, timeout=10)
            latencies.append((time.perf_counter() - started) * 1000)
    finally:
        await dispatcher.stop_polling()
        polling.cancel()
        await bot.session.close()
        await emulator.stop()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=300)
    args = parser.parse_args()
    latencies = asyncio.run(_run(args.messages))
    quantiles = statistics.quantiles(latencies, n=20)
    write_results("sandbox_roundtrip", [
        Figure("sandbox.start_roundtrip_p50", statistics.median(latencies), "ms", "informational"),
        Figure("sandbox.start_roundtrip_p95", quantiles[18], "ms", "informational"),
    ])


if __name__ == "__main__":
    main()
