"""The matcher (new cards → outbox) and the delivery loop (outbox → Telegram/email).

Both are woken through Redis and also sweep on their own, so a lost wake-up only delays work.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import outbox, searches
from crm.active_searches import ActiveSearches
from crm.outbox import Sender
from db.signals import CARDS_CHANGED, OUTBOX_CHANGED, Waiter, wake
from db.uow import UnitOfWork

MATCHER_SWEEP_SECONDS = 5.0
DELIVERY_SWEEP_SECONDS = 1.0  # retries and 429 pauses come due without any wake-up
ERROR_PAUSE_SECONDS = 2.0
log = logging.getLogger(__name__)


async def _pause(waiter: Waiter, stop: asyncio.Event, seconds: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not stop.is_set() and (left := deadline - loop.time()) > 0:
        if await waiter.wait(min(left, 1.0)):
            return


async def run_matcher(
    session_factory: async_sessionmaker[AsyncSession], redis: Any, stop: asyncio.Event
) -> None:
    waiter = Waiter(redis, CARDS_CHANGED)
    await waiter.start()
    active = ActiveSearches()  # re-read only when the active searches change
    try:
        while not stop.is_set():
            try:
                result = await searches.match_new_cards(UnitOfWork(session_factory),
                                                        active=active)
            except Exception:
                log.exception("search matcher failed; retrying")
                await asyncio.sleep(ERROR_PAUSE_SECONDS)
                continue
            if result.notifications:
                await wake(redis, OUTBOX_CHANGED)
            if result.cards < searches.MATCH_BATCH:
                await _pause(waiter, stop, MATCHER_SWEEP_SECONDS)
    finally:
        await waiter.close()


async def run_delivery(
    session_factory: async_sessionmaker[AsyncSession], redis: Any, send: Sender,
    stop: asyncio.Event,
) -> None:
    waiter = Waiter(redis, OUTBOX_CHANGED)
    await waiter.start()
    try:
        while not stop.is_set():
            try:
                delivered = await outbox.deliver_next(UnitOfWork(session_factory), send)
            except Exception:
                log.exception("delivery failed; retrying")
                await asyncio.sleep(ERROR_PAUSE_SECONDS)
                continue
            if delivered is None:
                await _pause(waiter, stop, DELIVERY_SWEEP_SECONDS)
    finally:
        await waiter.close()
