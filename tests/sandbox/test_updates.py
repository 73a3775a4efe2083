"""getUpdates long polling and webhook delivery."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramConflictError
from aiohttp import web

from sandbox import BotApiEmulator
from tests.sandbox.conftest import ANNA

SECRET = "s3cret-token"


class WebhookReceiver:
    """A tiny webhook endpoint that records what Telegram (the emulator) posts to it."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, Any], str | None]] = []
        self.arrived = asyncio.Event()
        self.reply: dict[str, Any] = {}
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.received.append(
            (await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        self.arrived.set()
        return web.json_response(self.reply)


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    app = web.Application()
    app.router.add_post("/webhook", receiver.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    receiver.url = f"http://{host}:{port}/webhook"
    yield receiver
    await runner.cleanup()


class TestGetUpdates:
    async def test_offset_confirms_and_limit_caps(self, emu: BotApiEmulator, bot: Bot) -> None:
        first, second, _ = (emu.send_text(ANNA, f"m{i}") for i in range(3))
        batch = await bot.get_updates(limit=2)
        assert [u.update_id for u in batch] == [first["update_id"], second["update_id"]]
        rest = await bot.get_updates(offset=second["update_id"] + 1)
        assert [u.message.text for u in rest if u.message] == ["m2"]
        assert await bot.get_updates(offset=rest[-1].update_id + 1) == []

    async def test_long_poll_wakes_when_update_arrives(
        self, emu: BotApiEmulator, bot: Bot
    ) -> None:
        started = time.monotonic()
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.2)
        emu.send_text(ANNA, "wake up")
        updates = await poll
        assert [u.message.text for u in updates if u.message] == ["wake up"]
        assert time.monotonic() - started < 2

    async def test_allowed_updates_filters(self, emu: BotApiEmulator, bot: Bot) -> None:
        sent = await bot.send_message(
            ANNA,
            "pick",
            reply_markup={"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]},  # type: ignore[arg-type]
        )
        emu.send_text(ANNA, "text")
        emu.press(ANNA, sent.message_id, "a")
        updates = await bot.get_updates(allowed_updates=["callback_query"])
        assert [u.callback_query.data for u in updates if u.callback_query] == ["a"]
        assert len(updates) == 1


class TestWebhook:
    async def test_updates_posted_with_secret_and_get_updates_conflicts(
        self, emu: BotApiEmulator, bot: Bot, receiver: WebhookReceiver
    ) -> None:
        assert await bot.set_webhook(receiver.url, secret_token=SECRET)
        update = emu.send_text(ANNA, "/start")
        await asyncio.wait_for(receiver.arrived.wait(), 5)
        assert receiver.received == [(update, SECRET)]

        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await bot.get_updates()
        info = await bot.get_webhook_info()
        assert (info.url, info.pending_update_count) == (receiver.url, 0)

        assert await bot.delete_webhook()
        assert (await bot.get_webhook_info()).url == ""
        assert await bot.get_updates() == []

    async def test_webhook_reply_can_carry_a_method(
        self, emu: BotApiEmulator, bot: Bot, receiver: WebhookReceiver
    ) -> None:
        receiver.reply = {"method": "sendMessage", "chat_id": ANNA, "text": "pong"}
        await bot.set_webhook(receiver.url)
        since = len(emu.calls)
        emu.send_text(ANNA, "ping")
        call = await emu.wait_for("sendMessage", since=since)
        assert call.ok and call.result["text"] == "pong"
        await bot.delete_webhook()

    async def test_failed_delivery_is_retried_and_reported(
        self, emu: BotApiEmulator, bot: Bot, receiver: WebhookReceiver
    ) -> None:
        await bot.set_webhook(receiver.url.replace("/webhook", "/missing"))
        emu.send_text(ANNA, "lost?")
        for _ in range(50):
            info = await bot.get_webhook_info()
            if info.last_error_message:
                break
            await asyncio.sleep(0.05)
        assert info.last_error_message == "Wrong response from the webhook: 404"
        assert info.pending_update_count == 1
        await bot.set_webhook(receiver.url)
        await asyncio.wait_for(receiver.arrived.wait(), 5)
        assert receiver.received[0][0]["message"]["text"] == "lost?"
        await bot.delete_webhook()
