"""The matcher (new cards → outbox) and the delivery loop (outbox → Telegram/email).

Both are woken through Redis and also sweep on their own, so a lost wake-up only delays work.
Both outlive Redis and PostgreSQL outages: the waiter sleeps out its timeout while Redis is
gone, and a failing pass logs once and backs off (db.backoff) until the database is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import searches
from crm.active_searches import ActiveSearches
from crm.outbox import DeliveryPolicy, Sender
from crm.outbox_stream import DeliveryStream
from db.backoff import Backoff
from db.liveness import WORKERS
from db.signals import CARDS_CHANGED, OUTBOX_CHANGED, Waiter, wake
from db.uow import UnitOfWork

MATCHER_SWEEP_SECONDS = 5.0
DELIVERY_SWEEP_SECONDS = 1.0  # retries and 429 pauses come due without any wake-up
# The shortest idle sleep: a row due now but not claimable (another worker holds it) is not
# polled in a busy loop.
MIN_PAUSE_SECONDS = 0.05
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
    """Streams the outbox (crm.outbox_stream): claims as send slots free, records as sends end.
    Idle, it sleeps until a wake-up, the earliest retry or chat pause comes due, or the sweep."""
    policy = policy or DeliveryPolicy()
    waiter = Waiter(redis, OUTBOX_CHANGED)
    backoff = Backoff(f"{name} loop", log)
    stream = DeliveryStream(session_factory, send, policy)
    # One listener for the whole loop, kept across passes: cancelling a listen may drop a
    # wake-up, and a pass ends each time a send does.
    wake: asyncio.Task[bool] | None = None
    # A pass ends when a send does, or within the sweep: a loop quiet for longer is stuck.
    register(name, STUCK_AFTER_SECONDS + policy.send_timeout)
    try:
        while not stop.is_set():
            WORKERS.beat(name)
            timeout = DELIVERY_SWEEP_SECONDS
            try:
                claimed = await stream.fill()
                if not claimed and not stream.busy:
                    due_in = await stream.next_due_in()
                    if due_in is not None:
                        timeout = max(min(timeout, due_in), MIN_PAUSE_SECONDS)
            except Exception as exc:
                await _sleep(stop, backoff.failed(exc))
                continue
            backoff.succeeded()
            if claimed and not stream.busy:
                continue  # all of them were cancelled: there may be more due
            if wake is None:
                wake = asyncio.create_task(waiter.wait(DELIVERY_SWEEP_SECONDS))
            await stream.wait(wake, timeout)  # type: ignore[arg-type]
            if wake.done():
                wake = None
        await stream.finish()
    finally:
        stream.abandon()
        if wake is not None:
            wake.cancel()
        WORKERS.forget(name)
        await waiter.close()


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    """Sleeps out a back-off; a stop ends it."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
