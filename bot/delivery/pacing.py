"""Outgoing message pacing: Telegram allows ~30 messages/s per bot and 1/s per chat (429 above).

The delivery workers send a batch side by side; this is where they take turns. A chat's next
message waits for that chat's second instead of going out to be refused: a 429 costs a round
trip, a retry row and, at the real Bot API, a longer ban.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

GLOBAL_MESSAGES_PER_SECOND = 25.0  # below Telegram's ~30/s so bursts from the UI still fit
# 1/s per chat, with a margin: the clocks that count are Telegram's, after the network.
CHAT_INTERVAL_SECONDS = 1.1
# A chat whose turn is further off than this is not waited for: the row is retried later.
CHAT_WAIT_MAX_SECONDS = 2.5


class SendPacer:
    """One per process: spaces all sends globally and per chat, and remembers chats told to
    wait (429)."""

    def __init__(
        self, per_second: float = GLOBAL_MESSAGES_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
        chat_interval: float = CHAT_INTERVAL_SECONDS,
    ) -> None:
        self._interval = 1.0 / per_second
        self._chat_interval = chat_interval
        self._clock = clock
        self._next_slot = 0.0
        self._chat_ready_at: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def chat_ready_in(self, chat_id: int) -> float:
        """Seconds until `chat_id` may be sent to again (0 when it may now)."""
        ready_at = self._chat_ready_at.get(chat_id)
        if ready_at is None:
            return 0.0
        left = ready_at - self._clock()
        if left <= 0:
            del self._chat_ready_at[chat_id]
            return 0.0
        return left

    def pause_chat(self, chat_id: int, seconds: float) -> None:
        self._chat_ready_at[chat_id] = max(
            self._chat_ready_at.get(chat_id, 0.0), self._clock() + seconds
        )

    def reserve_chat(self, chat_id: int) -> float:
        """Takes `chat_id`'s next turn; returns the seconds to wait for it. No await between
        reading and taking the turn, so two sends to one chat never get the same second."""
        wait = self.chat_ready_in(chat_id)
        self._chat_ready_at[chat_id] = self._clock() + wait + self._chat_interval
        return wait

    async def wait_turn(self) -> None:
        """Blocks until the next global send slot."""
        async with self._lock:
            now = self._clock()
            slot = max(self._next_slot, now)
            self._next_slot = slot + self._interval
        if slot > now:
            await asyncio.sleep(slot - now)
