"""The webhook lets only Telegram in: a random secret token goes out with setWebhook and must
come back on every request; a forged or unreadable request changes nothing."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import sqlalchemy as sa
from aiohttp import ClientSession
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import build_bot, build_dispatcher, run_bot
from db.models import Source
from sandbox.emulator import BotApiEmulator
from tests.bot.conftest import ADMIN_ID, bot_settings, free_port
from tests.fakes.mailer import FakeMailer


def _forged_update(text: str) -> dict[str, Any]:
    sender = {"id": ADMIN_ID, "is_bot": False, "first_name": "Alla"}
    return {"update_id": 999, "message": {
        "message_id": 1, "date": 1700000000, "chat": {"id": ADMIN_ID, "type": "private"},
        "from": sender, "text": text}}


async def _sources(session_factory: async_sessionmaker[AsyncSession]) -> int:
    async with session_factory() as session:
        return int(await session.scalar(sa.select(sa.func.count()).select_from(Source)) or 0)


class TestWebhook:
    async def test_secret_token_is_set_and_required_and_bad_json_is_400(
        self, emu: BotApiEmulator, session_factory: async_sessionmaker[AsyncSession],
        redis: Any,
    ) -> None:
        port = free_port()
        url = f"http://127.0.0.1:{port}/tg/webhook"
        settings = bot_settings(api_base=emu.base_url, delivery_workers=1, webhook_url=url,
                                webhook_port=port)
        bot = build_bot(settings)
        dispatcher = build_dispatcher(session_factory, redis, FakeMailer(), settings)
        stop = asyncio.Event()
        running = asyncio.create_task(run_bot(bot, dispatcher, settings, stop_event=stop))
        try:
            await emu.wait_for("setWebhook", timeout=10)
            [set_call] = emu.calls_of("setWebhook")
            secret = set_call.params.get("secret_token")
            assert secret and len(secret) >= 32
            # The real path: the sandbox posts with the token and the bot answers.
            emu.add_user(ADMIN_ID, "Alla", language_code="en")
            since = len(emu.calls)
            emu.send_text(ADMIN_ID, "/start")
            call = await emu.wait_for("sendMessage", since=since, timeout=10)
            assert call.params["text"].startswith("Hello, Alla")

            forged = json.dumps(_forged_update("/start"))
            since = len(emu.calls)
            async with ClientSession() as http:
                for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "guess"}):
                    async with http.post(url, data=forged, headers=headers) as response:
                        assert response.status == 401
                headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
                async with http.post(url, data="{not json", headers=headers) as response:
                    assert response.status == 400
                async with http.post(url, data='{"update_id": "x"}',
                                     headers=headers) as response:
                    assert response.status == 400
            await asyncio.sleep(0.3)
            assert [c.method for c in emu.calls[since:] if c.method == "sendMessage"] == []
            assert await _sources(session_factory) == 0
        finally:
            stop.set()
            await asyncio.wait_for(running, timeout=15)
