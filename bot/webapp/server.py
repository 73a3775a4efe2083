"""The bot's aiohttp app: /healthz, and the webhook endpoint when BOT_WEBHOOK_URL is set.

The Mini App routes will be mounted here too (they check initData on every call).
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from urllib.parse import urlparse

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from pydantic import ValidationError

from bot.settings import BotSettings
from bot.webapp.miniapp import mount_miniapp
from db.liveness import WORKERS

log = logging.getLogger(__name__)


async def healthz(request: web.Request) -> web.Response:
    if problems := WORKERS.problems():
        return web.json_response({"status": "fail", "workers": problems}, status=503)
    return web.json_response({"status": "ok"})


class CheckedWebhookHandler(SimpleRequestHandler):
    """Only Telegram gets in: the secret token set with setWebhook must come with every
    request (401 otherwise, nothing processed), and a body that is no Update is a 400."""

    async def handle(self, request: web.Request) -> web.Response:
        bot = await self.resolve_bot(request)
        if not self.verify_secret(request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""),
                                  bot):
            log.warning("webhook request without the right secret token from %s refused",
                        request.remote)
            return web.Response(text="Unauthorized", status=401)
        try:
            Update.model_validate(json.loads(await request.read()))
        except (ValueError, ValidationError) as exc:
            log.warning("webhook request with an unreadable update refused: %s",
                        str(exc).splitlines()[0][:200])
            return web.Response(text="Bad Request", status=400)
        return await super().handle(request)


def make_app(bot: Bot | None = None, dispatcher: Dispatcher | None = None,
             webhook_path: str | None = None, secret_token: str | None = None
             ) -> web.Application:
    app = web.Application()
    app.router.add_get("/healthz", healthz)
    mount_miniapp(app, dispatcher)
    if bot is not None and dispatcher is not None and webhook_path:
        if not secret_token:
            raise ValueError("a webhook needs a secret token")
        CheckedWebhookHandler(dispatcher=dispatcher, bot=bot, secret_token=secret_token
                              ).register(app, path=webhook_path)
        setup_application(app, dispatcher, bot=bot)
    return app


def webhook_secret(settings: BotSettings) -> str:
    """BOT_WEBHOOK_SECRET, or a fresh random one (setWebhook hands it to Telegram anew)."""
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    return secrets.token_urlsafe(32)


async def serve_webhook(
    bot: Bot, dispatcher: Dispatcher, settings: BotSettings, stop_event: asyncio.Event
) -> None:
    assert settings.webhook_url is not None
    path = urlparse(settings.webhook_url).path or "/webhook"
    secret = webhook_secret(settings)
    runner = web.AppRunner(make_app(bot, dispatcher, path, secret))
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    await bot.set_webhook(settings.webhook_url, secret_token=secret)
    try:
        await stop_event.wait()
    finally:
        await runner.cleanup()
