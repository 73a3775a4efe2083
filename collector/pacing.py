"""One rate gate per account: every call to Telegram waits for a token first."""

from __future__ import annotations

import asyncio
import time

# Telegram publishes no limits; these keep a userbot well under what gets FloodWaits in practice
# (telegram-export and Telethon's docs suggest about one history request per second).
CALLS_PER_SECOND = 1.0
BURST_CALLS = 5
# Seconds Telethon sleeps between history pages of 100 messages (iter_messages wait_time).
HISTORY_PAGE_WAIT = 1.0
# FloodWaits up to this many seconds are slept by Telethon itself (flood_sleep_threshold);
# longer ones reschedule only the chat that got them.
FLOOD_SLEEP_THRESHOLD = 60


class TokenBucket:
    """An async token bucket: `rate` calls per second on average, bursts up to `burst`."""

    def __init__(self, rate: float = CALLS_PER_SECOND, burst: int = BURST_CALLS) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._tokens = float(burst)
        self._stamp = time.monotonic()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                self._tokens = min(self._burst, self._tokens + (now - self._stamp) * self._rate)
                self._stamp = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await asyncio.sleep((1 - self._tokens) / self._rate)
