"""Composition root of the collector: builds clients from settings and runs the loops.

`run`, `replay` and `import_file` take an already-built session factory and Redis so the demo
(and tests) can compose them in one process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from classifier.api import Classifier
from collector import importer
from collector.classify_worker import ClassifyWorker
from collector.intake import Collector
from collector.reader import Reader
from collector.settings import CollectorSettings, TelethonSettings
from crm import sources
from crm.outreach_chains import ChainBook, load_chains
from crm.outreach_worker import OutreachWorker
from crm.outreach_worker import work as outreach_work
from db.runtime import Database, open_database, open_redis
from db.settings import DbSettings, RedisSettings
from db.uow import UnitOfWork
from identity.ner import NerOrganisations

log = logging.getLogger(__name__)

# Re-read every source from its cursor this often, whatever the live updates said.
GAP_FILL_SECONDS = 300.0

Factory = async_sessionmaker[AsyncSession]


def open_services() -> tuple[Database, Any]:
    return open_database(DbSettings()), open_redis(RedisSettings())


def make_classifier() -> Classifier:
    """The neural model from CLASSIFIER_* settings, else the classifier team's fallback."""
    from classifier.loading import load_configured
    from classifier.settings import ClassifierSettings

    return load_configured(ClassifierSettings())


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


async def _gap_loop(collector: Collector, stop: asyncio.Event, every: float) -> None:
    reread = True  # the first pass after start also compares the recent window
    while not stop.is_set():
        try:
            report = await collector.fill_gaps()
            log.info("gap fill: %d chats read, %d posts stored, %d skipped, %d failed",
                     report.read, report.stored, report.skipped, report.failed)
            if reread:
                gone = await collector.reread_recent()
                log.info("recent window re-read: %d post(s) deleted while we were away", gone)
                reread = False
        except Exception:
            log.exception("gap fill pass failed; retrying in %s s", every)
        await _sleep_or_stop(stop, every)


async def run(
    session_factory: Factory, redis: Any, reader: Reader, *, account: str | None,
    stop: asyncio.Event, classifier: Classifier | None = None,
    gap_fill_seconds: float = GAP_FILL_SECONDS, recent_window: timedelta | None = None,
    outreach: OutreachWorker | None = None,
) -> None:
    """Live updates + periodic gap filling (+ the classify worker when a classifier is given,
    + the follow-up chains' steps when a worker is given)."""
    collector = Collector(session_factory, redis, reader, account=account)
    if recent_window is not None:
        collector.recent_window = recent_window
    await collector.load_sources()
    reader.subscribe(collector.by_chat.keys(), collector)
    tasks = [asyncio.create_task(_gap_loop(collector, stop, gap_fill_seconds))]
    watch = getattr(reader, "watch_connection", None)
    if watch is not None:
        tasks.append(asyncio.create_task(watch(collector, stop)))
    if classifier is not None:
        tasks.append(asyncio.create_task(
            ClassifyWorker(session_factory, redis, classifier, ner=NerOrganisations()).run(stop)))
    if outreach is not None:
        tasks.append(asyncio.create_task(outreach_work(UnitOfWork(session_factory), outreach,
                                                       stop)))
    try:
        await stop.wait()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def import_file(
    session_factory: Factory, redis: Any, path: Path, *, progress: bool = False
) -> importer.ImportStats:
    collector = Collector(session_factory, redis, OfflineReader())
    return await importer.import_file(collector, path, progress=progress)


async def replay(
    session_factory: Factory, redis: Any, path: Path, *, speed: float = 0.0,
    progress: bool = False,
) -> importer.ImportStats:
    collector = Collector(session_factory, redis, OfflineReader())
    return await importer.replay_file(collector, path, speed=speed, progress=progress)


async def classify_forever(
    session_factory: Factory, redis: Any, classifier: Classifier, stop: asyncio.Event
) -> None:
    await ClassifyWorker(session_factory, redis, classifier, ner=NerOrganisations()).run(stop)


def stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def run_account(account: str | None, *, classify: bool = True) -> int:
    """`radar collector run`: one Telethon account, its sources, live + gaps + classification."""
    from collector.login import make_client
    from collector.telethon_reader import TelethonReader

    name = account or CollectorSettings().account
    book = chain_book()  # a bad chain file stops start-up before Telegram is asked
    client = make_client(TelethonSettings(), name)
    await client.connect()
    if not await client.is_user_authorized():
        log.error("account %s has no session: run `radar collector login --account %s`",
                  name, name)
        await client.disconnect()
        return 2
    database, redis = open_services()
    try:
        await sources.ensure_account(UnitOfWork(database.session_factory), name)
        outreach = await outreach_for(database.session_factory, client, name, book)
        await client.get_me()  # Telegram starts sending updates after a first request
        await run(database.session_factory, redis, TelethonReader(client), account=name,
                  stop=stop_on_signals(), classifier=make_classifier() if classify else None,
                  gap_fill_seconds=CollectorSettings().gap_fill_seconds,
                  recent_window=timedelta(hours=CollectorSettings().recent_window_hours),
                  outreach=outreach)
    finally:
        await client.disconnect()
        await database.engine.dispose()
    return 0


def chain_book() -> ChainBook:
    """The chain file of OUTREACH_CHAINS_FILE; ChainFileError says what is wrong and where."""
    from crm.outreach_settings import OutreachSettings

    return load_chains(OutreachSettings().chains_file)


async def outreach_for(session_factory: Factory, client: Any, account: str,
                       book: ChainBook | None = None) -> OutreachWorker:
    """This account writes the chains' DMs and hears the answers to them."""
    from collector.inbox import ReplyRecorder
    from collector.telethon_outreach import TelethonDmSender, subscribe_private
    from crm.outreach_admin import sync_templates
    from crm.outreach_settings import OutreachSettings

    settings = OutreachSettings()
    book = book or chain_book()
    await sync_templates(UnitOfWork(session_factory), book)
    subscribe_private(client, ReplyRecorder(session_factory,
                                            timedelta(days=settings.reply_window_days)))
    return OutreachWorker(book, settings, TelethonDmSender(client, account))


class OfflineReader:
    """Imports and replays store what a file holds; they never ask Telegram."""

    async def resolve(self, ref: Any) -> Any:
        from collector.reader import ChatLost

        raise ChatLost(f"{ref.text}: no Telegram connection in this command")

    async def history(self, chat: Any, after_id: int) -> Any:
        return
        yield

    def subscribe(self, chat_ids: Any, sink: Any) -> None:
        pass
