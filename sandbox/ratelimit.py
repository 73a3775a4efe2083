"""Flood control like Telegram's: too many messages to one chat (or overall) -> 429."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable

from sandbox.errors import too_many_requests


class TokenBucketLimiter:
    """`rate` messages per second per key, with a burst of max(1, rate) messages."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = max(1.0, rate)
        self._clock = clock
        self._buckets: dict[Hashable, tuple[float, float]] = {}

    def retry_after(self, key: Hashable) -> int:
        """Seconds to wait before the next message to `key` is allowed; 0 means go."""
        tokens, _ = self._refilled(key)
        if tokens >= 1.0:
            return 0
        return max(1, math.ceil((1.0 - tokens) / self.rate))

    def consume(self, key: Hashable) -> None:
        tokens, now = self._refilled(key)
        self._buckets[key] = (tokens - 1.0, now)

    def _refilled(self, key: Hashable) -> tuple[float, float]:
        now = self._clock()
        tokens, updated_at = self._buckets.get(key, (self.capacity, now))
        return min(self.capacity, tokens + (now - updated_at) * self.rate), now


class FloodControl:
    """Per-chat and optional global limits; either may be off (None)."""

    GLOBAL_KEY = "*"

    def __init__(self, per_chat: float | None, global_rate: float | None) -> None:
        self.per_chat = TokenBucketLimiter(per_chat) if per_chat else None
        self.global_limit = TokenBucketLimiter(global_rate) if global_rate else None

    def check_and_count(self, chat_id: int) -> None:
        """Raise 429 when over a limit; otherwise count this message against both limits."""
        waits = [
            self.per_chat.retry_after(chat_id) if self.per_chat else 0,
            self.global_limit.retry_after(self.GLOBAL_KEY) if self.global_limit else 0,
        ]
        if max(waits) > 0:
            raise too_many_requests(max(waits))
        if self.per_chat:
            self.per_chat.consume(chat_id)
        if self.global_limit:
            self.global_limit.consume(self.GLOBAL_KEY)
