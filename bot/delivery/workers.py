"""The matcher (new cards → outbox) and the delivery loop (outbox → Telegram/email).

Both are woken through Redis and also sweep on their own, so a lost wake-up only delays work.
Both outlive Redis and PostgreSQL outages: the waiter sleeps out its timeout while Redis is
gone, and a failing pass logs once and backs off (db.backoff) until the database is back.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import outbox, searches
from crm.active_searches import ActiveSearches
from crm.outbox import DeliveryPolicy, Sender
from db.backoff import Backoff
from db.liveness import WORKERS
from db.signals import CARDS_CHANGED, OUTBOX_CHANGED, Waiter, wake
from db.uow import UnitOfWork

MATCHER_SWEEP_SECONDS = 5.0
DELIVERY_SWEEP_SECONDS = 1.0  # retries and 429 pauses come due without any wake-up
# A loop with no finished pass for this long is reported stuck by /healthz.
STUCK_AFTER_SECONDS = 120.0
log = logging.getLogger(__name__)


async def pause(waiter: Waiter, stop: asyncio.Event, seconds: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not stop.is_set() and (left := deadline - loop.time()) > 0:
        if await waiter.wait(min(left, 1.0)):
            return


def register(name: str, stale_after: float) -> None:
    WORKERS.register(name, stale_after, task=asyncio.current_task())


async def run_matcher(
    session_factory: async_sessionmaker[AsyncSession], redis: Any, stop: asyncio.Event,
    name: str = "search-matcher",
) -> None:
    waiter = Waiter(redis, CARDS_CHANGED)
    active = ActiveSearches()  # re-read only when the active searches change
    backoff = Backoff("search matcher", log)
    register(name, STUCK_AFTER_SECONDS)
    try:
        while not stop.is_set():
            WORKERS.beat(name)
            try:
                result = await searches.match_new_cards(UnitOfWork(session_factory),
                                                        active=active)
            except Exception as exc:
                await pause(waiter, stop, backoff.failed(exc))
                continue
            backoff.succeeded()
            if result.notifications:
                await wake(redis, OUTBOX_CHANGED)
            if result.cards < searches.MATCH_BATCH:
                await pause(waiter, stop, MATCHER_SWEEP_SECONDS)
    finally:
        WORKERS.forget(name)
        await waiter.close()


async def run_delivery(
    session_factory: async_sessionmaker[AsyncSession], redis: Any, send: Sender,
    stop: asyncio.Event, policy: DeliveryPolicy | None = None, name: str = "delivery",
) -> None:
    policy = policy or DeliveryPolicy()
    waiter = Waiter(redis, OUTBOX_CHANGED)
    backoff = Backoff(f"{name} loop", log)
    # One pass is one batch sent side by side: it ends within the send timeout (plus the
    # batch's turns at the pacer), or the loop is stuck.
    register(name, STUCK_AFTER_SECONDS + policy.send_timeout)
    try:
        while not stop.is_set():
            WORKERS.beat(name)
            try:
                claimed = await outbox.deliver_due(UnitOfWork(session_factory), send, policy)
            except Exception as exc:
                await pause(waiter, stop, backoff.failed(exc))
                continue
            backoff.succeeded()
            if not claimed:
                await pause(waiter, stop, DELIVERY_SWEEP_SECONDS)
    finally:
        WORKERS.forget(name)
        await waiter.close()
