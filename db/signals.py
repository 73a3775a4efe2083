"""Wake-up calls between processes over Redis pub/sub.

PostgreSQL holds the truth (pending rows, cursors); a lost wake-up only delays work until the
next periodic sweep, so nothing here needs to be durable.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

POSTS_STORED = "radar:wake:classify"
CARDS_CHANGED = "radar:wake:cards"
OUTBOX_CHANGED = "radar:wake:outbox"


async def wake(redis: Any, channel: str) -> None:
    """Best effort: a Redis outage must never fail the transaction that already committed."""
    with contextlib.suppress(Exception):
        await redis.publish(channel, "1")


class Waiter:
    """Blocks until a wake-up arrives on `channel` or `timeout` passes (the periodic sweep)."""

    def __init__(self, redis: Any, channel: str) -> None:
        self._redis = redis
        self._channel = channel
        self._pubsub: Any = None

    async def start(self) -> None:
        self._pubsub = self._redis.pubsub()
        await self._pubsub.subscribe(self._channel)

    async def wait(self, timeout: float) -> bool:
        if self._pubsub is None:
            await asyncio.sleep(timeout)
            return False
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

    async def close(self) -> None:
        if self._pubsub is not None:
            with contextlib.suppress(Exception):
                await self._pubsub.unsubscribe(self._channel)
                await self._pubsub.aclose()
