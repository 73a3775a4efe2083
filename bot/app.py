"""Building the Bot and the Dispatcher, and running them with the delivery workers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramNetworkError, TelegramServerError
from aiogram.fsm.storage.redis import RedisStorage
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.commands import set_commands, sync_user_commands
from bot.digest_jobs import DigestJobs
from bot.feed_filters import FilterStore
from bot.handlers import get_routers
from bot.i18n import Translator
from bot.middlewares import (
    HandlerNameMiddleware,
    I18nMiddleware,
    OncePerPressMiddleware,
    PromptExitMiddleware,
    ThrottlingMiddleware,
    UnitOfWorkMiddleware,
    UpdateContextMiddleware,
    UserMiddleware,
)
from bot.middlewares.html_cut import HtmlCutMiddleware
from bot.settings import BotSettings
from bot.views.clients import churn_describer
from bot.webapp.miniapp import open_in_chat, serve_while_polling
from bot.webapp.settings import MiniAppSettings
from bot.workers import Workers
from crm import users
from crm.fit_settings import FitSettings
from crm.mail import Mailer
from crm.outbox import DeliveryPolicy
from crm.outreach_admin import sync_templates
from crm.outreach_chains import ChainBook, load_chains
from crm.scheduler import CrmJobs
from db.backoff import Backoff
from db.uow import UnitOfWork

log = logging.getLogger(__name__)


def build_bot(settings: BotSettings) -> Bot:
    session = None
    if settings.api_base:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.api_base))
    bot = Bot(
        settings.token.get_secret_value(), session=session,
        default=DefaultBotProperties(parse_mode="HTML"),
    )
    bot.session.middleware(HtmlCutMiddleware())
    return bot


def build_dispatcher(
    session_factory: async_sessionmaker[AsyncSession], redis: Any, mailer: Mailer,
    settings: BotSettings, crm_jobs: CrmJobs | None = None,
    digest_jobs: DigestJobs | None = None,
    fit_settings: FitSettings | None = None, outreach_book: ChainBook | None = None,
) -> Dispatcher:
    """Long-lived dependencies go in once; per-update ones come from the outer middlewares."""
    translator = Translator(settings.default_language)
    dispatcher = Dispatcher(
        storage=RedisStorage(redis), session_factory=session_factory, redis=redis,
        mailer=mailer, settings=settings, translator=translator, filter_store=FilterStore(redis),
        crm_jobs=crm_jobs, digest_jobs=digest_jobs,
        # Defaults without reading the environment: the composition root passes the real ones.
        fit_settings=fit_settings or FitSettings.model_construct(),
        outreach_book=outreach_book or load_chains(),
    )
    # Order matters: the user lookup needs the UoW, i18n needs the user, throttling the i18n.
    for middleware in (
        UpdateContextMiddleware(), UnitOfWorkMiddleware(session_factory), UserMiddleware(),
        I18nMiddleware(translator), ThrottlingMiddleware(redis, settings.throttle_rate),
    ):
        dispatcher.update.outer_middleware(middleware)
    # Outer, so a command ends an open prompt before the state filters run.
    dispatcher.message.outer_middleware(PromptExitMiddleware())
    dispatcher.message.middleware(HandlerNameMiddleware())
    dispatcher.callback_query.middleware(HandlerNameMiddleware())
    dispatcher.callback_query.middleware(OncePerPressMiddleware(redis))
    dispatcher.include_routers(*get_routers())
    return dispatcher


async def run_bot(
    bot: Bot, dispatcher: Dispatcher, settings: BotSettings, *,
    stop_event: asyncio.Event | None = None, miniapp_settings: MiniAppSettings | None = None,
) -> None:
    """Polling (or a webhook when BOT_WEBHOOK_URL is set) plus the matcher and delivery workers.

    Returns when `stop_event` is set (or on SIGINT/SIGTERM when no event is given).
    """
    if not await _reach_bot_api(bot, stop_event):
        return
    workers = Workers(
        bot, dispatcher["session_factory"], dispatcher["redis"], dispatcher["mailer"],
        dispatcher["translator"], settings.delivery_workers,
        fit_settings=dispatcher["fit_settings"],
        policy=DeliveryPolicy(horizon=timedelta(hours=settings.delivery_horizon_hours),
                       send_timeout=settings.send_timeout_seconds),
    )
    await set_commands(bot, dispatcher["translator"])
    await sync_user_commands(bot, dispatcher["translator"], await users.everyone(
        UnitOfWork(dispatcher["session_factory"])))
    await open_in_chat(bot, dispatcher, settings, miniapp_settings)
    await sync_templates(UnitOfWork(dispatcher["session_factory"]), dispatcher["outreach_book"])
    workers.start()
    crm_jobs: CrmJobs | None = dispatcher["crm_jobs"]
    if crm_jobs is not None:
        crm_jobs.start(describe=churn_describer(dispatcher["translator"]))
        # Interviews committed while no scheduler ran get their reminders planned now.
        await crm_jobs.resync()
    digest_jobs: DigestJobs | None = dispatcher["digest_jobs"]
    if digest_jobs is not None:
        digest_jobs.start(dispatcher["translator"])
    try:
        if settings.webhook_url:
            from bot.webapp.server import serve_webhook

            await serve_webhook(bot, dispatcher, settings, stop_event or asyncio.Event())
        else:
            stop = stop_event or asyncio.Event()
            miniapp = asyncio.create_task(serve_while_polling(dispatcher, stop))
            try:
                await _poll(bot, dispatcher, stop_event)
            finally:
                stop.set()
                await miniapp
    finally:
        if crm_jobs is not None:
            crm_jobs.shutdown()
        if digest_jobs is not None:
            digest_jobs.shutdown()
        await workers.stop()


async def _reach_bot_api(bot: Bot, stop_event: asyncio.Event | None) -> bool:
    """Waits out a Bot API that is unreachable at start (getMe), instead of exiting: compose
    would restart us in a loop, and a network blip at boot is no reason to stop."""
    backoff = Backoff("reaching the Bot API (getMe)", log, cap=60.0)
    while stop_event is None or not stop_event.is_set():
        try:
            await bot.get_me()
        except (TelegramNetworkError, TelegramServerError) as exc:
            pause = backoff.failed(exc)
            if stop_event is None:
                await asyncio.sleep(pause)
            else:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop_event.wait(), pause)
            continue
        backoff.succeeded()
        return True
    return False


async def _poll(bot: Bot, dispatcher: Dispatcher, stop_event: asyncio.Event | None) -> None:
    if stop_event is None:
        await dispatcher.start_polling(bot)
        return
    polling = asyncio.create_task(dispatcher.start_polling(bot, handle_signals=False))
    stopper = asyncio.create_task(stop_event.wait())
    await asyncio.wait({polling, stopper}, return_when=asyncio.FIRST_COMPLETED)
    if not polling.done():
        await dispatcher.stop_polling()
    stopper.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await polling
