"""Wake-up calls between processes over Redis pub/sub.

PostgreSQL holds the truth (pending rows, cursors); a lost wake-up only delays work until the
next periodic sweep, so nothing here needs to be durable.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

log = logging.getLogger(__name__)

POSTS_STORED = "radar:wake:classify"
CARDS_CHANGED = "radar:wake:cards"
OUTBOX_CHANGED = "radar:wake:outbox"


async def wake(redis: Any, channel: str) -> None:
    """Best effort: a Redis outage must never fail the transaction that already committed."""
    with contextlib.suppress(Exception):
        await redis.publish(channel, "1")


class Waiter:
    """Blocks until a wake-up arrives on `channel` or `timeout` passes (the periodic sweep).

    Redis may be down at start or go away at any time: the waiter then just sleeps out each
    timeout (the caller's sweep still runs), logs that once, and resubscribes on a later wait;
    the first wait after a reconnect returns True so the caller sweeps what it missed.
    """

    def __init__(self, redis: Any, channel: str) -> None:
        self._redis = redis
        self._channel = channel
        self._pubsub: Any = None
        self._lost = False

    async def start(self) -> None:
        """Subscribes; raises when Redis is unreachable (later waits keep trying)."""
        pubsub = self._redis.pubsub()
        try:
            await pubsub.subscribe(self._channel)
        except BaseException:
            await self._drop(pubsub)
            raise
        self._pubsub = pubsub

    async def wait(self, timeout: float) -> bool:
        if self._pubsub is None:
            if await self._reconnect():
                return True  # back after an outage: sweep what was missed now
            if self._pubsub is None:
                await asyncio.sleep(timeout)
                return False
        try:
            return await self._listen(timeout)
        except (asyncio.CancelledError, KeyboardInterrupt):
            raise
        except Exception as exc:
            self._note_lost(exc)
            pubsub, self._pubsub = self._pubsub, None
            await self._drop(pubsub)
            await asyncio.sleep(timeout)
            return False

    async def _reconnect(self) -> bool:
        """Tries to subscribe; True only when this ends an outage."""
        try:
            await self.start()
        except Exception as exc:
            self._note_lost(exc)
            return False
        if self._lost:
            log.warning("Redis wake-ups on %s are back", self._channel)
            self._lost = False
            return True
        return False

    def _note_lost(self, exc: BaseException) -> None:
        if not self._lost:
            log.error("Redis wake-ups on %s lost (%s): sweeping on the timer until it is back",
                      self._channel, exc)
            self._lost = True

    async def _listen(self, timeout: float) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (left := deadline - loop.time()) > 0:
            message = await self._pubsub.get_message(
                ignore_subscribe_messages=True, timeout=min(left, 1.0)
            )
            if message is not None:
                # Drain the burst: many stored batches need one sweep, not one each.
                while await self._pubsub.get_message(ignore_subscribe_messages=True, timeout=0):
                    pass
                return True
        return False

    @staticmethod
    async def _drop(pubsub: Any) -> None:
        with contextlib.suppress(Exception):
            await pubsub.aclose()

    async def close(self) -> None:
        if self._pubsub is not None:
            with contextlib.suppress(Exception):
                await self._pubsub.unsubscribe(self._channel)
                await self._pubsub.aclose()
            self._pubsub = None
