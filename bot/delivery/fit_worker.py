"""The bench-fit matcher loop: a sibling of the search matcher, on the same card wake-up.

It also flushes digests that came due and, every `freshness_check_minutes`, queues bench
freshness reminders; a lost wake-up only delays work until the next sweep.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.workers import MATCHER_SWEEP_SECONDS, STUCK_AFTER_SECONDS, pause, register
from crm import bench_freshness, fit_matcher
from crm.fit_settings import FitSettings
from db.backoff import Backoff
from db.liveness import WORKERS
from db.signals import CARDS_CHANGED, OUTBOX_CHANGED, Waiter, wake
from db.uow import UnitOfWork

log = logging.getLogger(__name__)


async def run_fit_matcher(
    session_factory: async_sessionmaker[AsyncSession], redis: Any, settings: FitSettings,
    stop: asyncio.Event, name: str = "fit-matcher",
) -> None:
    waiter = Waiter(redis, CARDS_CHANGED)
    backoff = Backoff("bench-fit matcher", log)
    register(name, STUCK_AFTER_SECONDS)
    loop = asyncio.get_running_loop()
    freshness_due = loop.time()
    try:
        while not stop.is_set():
            WORKERS.beat(name)
            try:
                result = await fit_matcher.match_new_cards(UnitOfWork(session_factory), settings)
                reminded = 0
                if loop.time() >= freshness_due:
                    reminded = await bench_freshness.remind(UnitOfWork(session_factory), settings)
                    freshness_due = loop.time() + settings.freshness_check_minutes * 60
            except Exception as exc:
                await pause(waiter, stop, backoff.failed(exc))
                continue
            backoff.succeeded()
            if result.notifications or reminded:
                await wake(redis, OUTBOX_CHANGED)
            if result.cards < fit_matcher.MATCH_BATCH:
                await pause(waiter, stop, MATCHER_SWEEP_SECONDS)
    finally:
        WORKERS.forget(name)
        await waiter.close()
