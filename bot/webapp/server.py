"""The bot's aiohttp app: /healthz, and the webhook endpoint when BOT_WEBHOOK_URL is set.

The Mini App routes will be mounted here too (they check initData on every call).
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlparse

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.settings import BotSettings
from bot.webapp.miniapp import mount_miniapp


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


def make_app(bot: Bot | None = None, dispatcher: Dispatcher | None = None,
             webhook_path: str | None = None) -> web.Application:
    app = web.Application()
    app.router.add_get("/healthz", healthz)
    mount_miniapp(app, dispatcher)
    if bot is not None and dispatcher is not None and webhook_path:
        SimpleRequestHandler(dispatcher=dispatcher, bot=bot).register(app, path=webhook_path)
        setup_application(app, dispatcher, bot=bot)
    return app


async def serve_webhook(
    bot: Bot, dispatcher: Dispatcher, settings: BotSettings, stop_event: asyncio.Event
) -> None:
    assert settings.webhook_url is not None
    path = urlparse(settings.webhook_url).path or "/webhook"
    runner = web.AppRunner(make_app(bot, dispatcher, path))
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    await bot.set_webhook(settings.webhook_url)
    try:
        await stop_event.wait()
    finally:
        await runner.cleanup()
