"""`make demo`: the whole product in one process on embedded defaults, no Telegram account.

PostgreSQL is embedded when DATABASE_URL is unset, Redis an in-process stand-in when REDIS_URL
is unset, and the sandbox emulator plays Telegram. The collector replays a demo channel history
(written for this project) as if it arrived live, the classifier labels it, and the bot pushes
matching requests to the demo admin, who chats through the sandbox page.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Dispatcher
from pydantic import SecretStr

from bot.app import build_bot, build_dispatcher, run_bot
from bot.cli import build_crm_jobs, build_mailer
from bot.settings import BotSettings, SmtpSettings
from bot.webapp.settings import MiniAppSettings
from classifier.api import Classifier
from collector import app as collector_app
from collector.intake import Collector
from crm import invites, searches
from crm.invites import TelegramPerson
from crm.outreach_chains import load_chains
from crm.outreach_settings import OutreachSettings
from crm.outreach_worker import OutreachWorker
from crm.outreach_worker import work as outreach_work
from db import migrate
from db.runtime import Database, open_database, open_redis
from db.settings import DbSettings, RedisSettings
from db.uow import UnitOfWork
from sandbox import BotApiEmulator
from scripts import demo_history, demo_replay
from scripts.settings import DemoSettings

log = logging.getLogger("radar.demo")

DEMO_TOKEN = "100001:DEMO-sandbox-token-not-a-real-bot-0000"
DEMO_BOT_USERNAME = "outstaff_radar_bot"
DEMO_SEARCHES = ("react", "middle+ java go remote")


async def _prepare_database(database: Database, *, fresh: bool) -> None:
    # A second run keeps what the user did; --fresh starts over (and sees the replay again).
    if fresh:
        await asyncio.to_thread(migrate.downgrade, database.url, "base")
    await asyncio.to_thread(migrate.upgrade, database.url)


async def _seed_admin(uow: UnitOfWork, user_id: int) -> None:
    person = TelegramPerson(tg_user_id=user_id, first_name="Anna", username="anna", language="ru")
    admin = await invites.admit_first_admin(uow, person, frozenset({user_id}))
    if admin is None:
        return
    if not await searches.list_own(uow, admin):
        for phrase in DEMO_SEARCHES:
            await searches.create_from_phrase(uow, admin, phrase)


async def _play_history(database: Database, redis: Any, interval: float) -> None:
    collector = Collector(database.session_factory, redis, collector_app.OfflineReader())
    if await demo_replay.already_played(collector):
        log.info("demo data kept from the last run (`radar demo --fresh` starts over)")
        return
    await demo_replay.replay(collector, demo_history.build(), interval=interval)


@dataclass
class Demo:
    """A running demo: what a test or the command line needs to watch it and stop it."""

    emulator: BotApiEmulator
    database: Database
    stop: asyncio.Event
    tasks: list[asyncio.Task[Any]]

    async def close(self) -> None:
        self.stop.set()
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        await self.emulator.stop()
        await self.database.engine.dispose()


async def start(
    settings: DemoSettings,
    *,
    database: Database | None = None,
    redis: Any = None,
    classifier: Classifier | None = None,
    fresh: bool = False,
) -> Demo:
    """Starts every part; arguments left out are built from settings (embedded defaults)."""
    database = database or open_database(DbSettings())
    redis = redis if redis is not None else open_redis(RedisSettings())
    await _prepare_database(database, fresh=fresh)
    emulator = BotApiEmulator(token=DEMO_TOKEN, bot_username=DEMO_BOT_USERNAME)
    await emulator.start(host=settings.host, port=settings.port)
    emulator.add_user(
        user_id=settings.user_id, first_name="Anna", username="anna", language_code="ru"
    )
    await _seed_admin(UnitOfWork(database.session_factory), settings.user_id)
    bot_settings = BotSettings(
        token=SecretStr(DEMO_TOKEN),
        admin_ids=[settings.user_id],
        username=DEMO_BOT_USERNAME,
        api_base=emulator.base_url,
        webapp_url=f"http://{settings.host}:{settings.miniapp_port}/miniapp/",
    )
    miniapp = MiniAppSettings(host=settings.host, port=settings.miniapp_port)
    bot = build_bot(bot_settings)
    dispatcher = build_dispatcher(
        database.session_factory,
        redis,
        build_mailer(SmtpSettings()),
        bot_settings,
        crm_jobs=build_crm_jobs(database),
    )
    classifier = classifier or collector_app.make_classifier()
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(_run_bot(bot, dispatcher, bot_settings, stop, miniapp)),
        asyncio.create_task(
            collector_app.classify_forever(database.session_factory, redis, classifier, stop)
        ),
        asyncio.create_task(_play_history(database, redis, settings.post_interval)),
        # No userbot in the demo: a chain's e-mail and the owner's task still come in turn.
        asyncio.create_task(outreach_work(UnitOfWork(database.session_factory),
                                          _outreach_worker(), stop)),
    ]
    return Demo(emulator, database, stop, tasks)


def _outreach_worker() -> OutreachWorker:
    settings = OutreachSettings()
    return OutreachWorker(load_chains(settings.chains_file), settings)


async def _run_bot(
    bot: Bot, dispatcher: Dispatcher, settings: BotSettings, stop: asyncio.Event,
    miniapp: MiniAppSettings,
) -> None:
    try:
        await run_bot(bot, dispatcher, settings, stop_event=stop, miniapp_settings=miniapp)
    finally:
        await bot.session.close()


async def run(settings: DemoSettings, *, fresh: bool = False) -> None:
    demo = await start(settings, fresh=fresh)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, demo.stop.set)
    print(
        f"\nOutstaff Radar demo is running. Open the sandbox chat: {demo.emulator.chat_url}\n"
        f"You are user {settings.user_id} (the admin); send /start. Ctrl+C stops.\n"
        f"The CRM menu button opens the Mini App (http://{settings.host}:"
        f"{settings.miniapp_port}/miniapp/).\n",
        flush=True,
    )
    try:
        await demo.stop.wait()
    finally:
        await demo.close()
