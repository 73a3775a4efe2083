"""The Mini App on the bot's aiohttp app: its page, its JSON API, and its place in the chat
(menu button, "Open in app" buttons). `add_miniapp` is the one call server.make_app makes."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.types import MenuButtonWebApp, WebAppInfo
from aiohttp import web

from bot.settings import BotSettings
from bot.webapp.api_bench import bench_routes
from bot.webapp.api_board import board_routes
from bot.webapp.api_card import card_routes
from bot.webapp.api_charts import chart_routes
from bot.webapp.api_clients import client_routes
from bot.webapp.api_interviews import interview_routes
from bot.webapp.api_me import me_routes
from bot.webapp.auth import init_data_auth
from bot.webapp.chat_buttons import ChatButtonsMiddleware
from bot.webapp.context import CONTEXT, MiniAppContext
from bot.webapp.errors import crm_errors
from bot.webapp.ratelimit import mutation_rate_limit
from bot.webapp.settings import MiniAppSettings

STATIC_DIR = Path(__file__).parent / "static"
MINIAPP_KEY = "miniapp"
log = logging.getLogger(__name__)


async def index(request: web.Request) -> web.FileResponse:
    # The page is tiny and changes with each release: never let a webview keep an old one.
    return web.FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})


def add_miniapp(app: web.Application, context: MiniAppContext) -> None:
    app[CONTEXT] = context
    # Outermost first: errors see the user the auth put on the request; the rate limit
    # counts only authenticated callers.
    app.middlewares.extend([crm_errors, init_data_auth, mutation_rate_limit])
    app.router.add_get("/miniapp/", index)
    app.router.add_static("/miniapp/static", STATIC_DIR)
    for routes in (me_routes(), board_routes(), card_routes(), bench_routes(),
                   interview_routes(), chart_routes(), client_routes()):
        app.add_routes(routes)


def mount_miniapp(app: web.Application | None, dispatcher: Dispatcher | None) -> None:
    """Mounts the Mini App on `app` when the dispatcher carries one (BOT_WEBAPP_URL set)."""
    if app is not None and dispatcher is not None:
        context = dispatcher.workflow_data.get(MINIAPP_KEY)
        if isinstance(context, MiniAppContext):
            add_miniapp(app, context)


async def open_in_chat(
    bot: Bot, dispatcher: Dispatcher, settings: BotSettings,
    miniapp_settings: MiniAppSettings | None = None,
) -> None:
    """Builds the Mini App's context and links it into the chat: the menu button opens it,
    card and CRM screens get an "Open in app" button. Nothing happens without BOT_WEBAPP_URL."""
    if not settings.webapp_url:
        return
    translator = dispatcher["translator"]
    dispatcher[MINIAPP_KEY] = MiniAppContext(
        bot=bot, session_factory=dispatcher["session_factory"], redis=dispatcher["redis"],
        translator=translator, settings=miniapp_settings or MiniAppSettings(),
        planner=dispatcher["crm_jobs"],
    )
    bot.session.middleware(
        ChatButtonsMiddleware(dispatcher["session_factory"], translator, settings.webapp_url)
    )
    i18n = translator.pick(translator.default_language)
    await bot.set_chat_menu_button(menu_button=MenuButtonWebApp(
        text=i18n.get("miniapp-menu-button"), web_app=WebAppInfo(url=settings.webapp_url)
    ))


async def serve_while_polling(dispatcher: Dispatcher, stop_event: asyncio.Event) -> None:
    """Polling has no web server of its own: serve the Mini App until `stop_event`."""
    from bot.webapp.server import make_app

    context = dispatcher.workflow_data.get(MINIAPP_KEY)
    if not isinstance(context, MiniAppContext):
        return
    runner = web.AppRunner(make_app(dispatcher=dispatcher))
    await runner.setup()
    await web.TCPSite(runner, context.settings.host, context.settings.port).start()
    log.info("Mini App on http://%s:%s/miniapp/", context.settings.host, context.settings.port)
    try:
        await stop_event.wait()
    finally:
        await runner.cleanup()
