"""Outgoing message pacing: Telegram allows ~30 messages/s per bot and 1/s per chat (429 above).

The delivery workers keep many sends in flight; this is where they take turns. A chat's next
message waits for that chat's second instead of going out to be refused: a 429 costs a round
trip, a retry row and, at the real Bot API, a longer ban.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable

GLOBAL_MESSAGES_PER_SECOND = 25.0  # below Telegram's ~30/s so bursts from the UI still fit
# 1/s per chat, with a margin: the clocks that count are Telegram's, after the network.
CHAT_INTERVAL_SECONDS = 1.1
# A chat whose turn is further off than this (a 429's pause) is not waited for: the row comes
# back when its turn is due. A chat's own second is waited out: it holds one of the worker's
# send slots (crm.outbox_stream), where a bounce cost a claim, a record and a sweep (~2 s).
CHAT_WAIT_MAX_SECONDS = 1.5
# After a late wake-up, how many seconds of missed slots may start at once (see wait_turn).
CATCH_UP_SECONDS = 0.1
# How long a send waits for another send to its chat to be answered: that one may still queue
# for the global pacer (a second or two in a burst) and is bounded by the send timeout.
CHAT_BUSY_WAIT_MAX_SECONDS = 5.0


class SendPacer:
    """One per process: spaces all sends globally and per chat, and remembers chats told to
    wait (429)."""

    def __init__(
        self, per_second: float = GLOBAL_MESSAGES_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
        chat_interval: float = CHAT_INTERVAL_SECONDS,
    ) -> None:
        self._interval = 1.0 / per_second
        self._per_window = max(1, int(per_second))
        self._chat_interval = chat_interval
        self._clock = clock
        self._started: deque[float] = deque()
        self._last_slot = float("-inf")
        self._chat_ready_at: dict[int, float] = {}
        self._sending: set[int] = set()
        self._answered: dict[int, asyncio.Event] = {}
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

    def chat_busy(self, chat_id: int) -> bool:
        """A send to `chat_id` has taken its turn and has no answer yet. Its next second counts
        from that answer, which may be further off than the turn's second: the send may still
        wait for the global pacer."""
        return chat_id in self._sending

    async def chat_free(self, chat_id: int, timeout: float) -> bool:
        """Waits until no send to `chat_id` is out (False: still one after `timeout`). Two
        workers may claim one chat's rows at once; the second waits here, not in a retry."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while chat_id in self._sending:
            left = deadline - loop.time()
            if left <= 0:
                return False
            answered = self._answered.setdefault(chat_id, asyncio.Event())
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(answered.wait(), left)
        return True

    def _done_sending(self, chat_id: int) -> None:
        self._sending.discard(chat_id)
        if (answered := self._answered.pop(chat_id, None)) is not None:
            answered.set()

    def reserve_chat(self, chat_id: int) -> float:
        """Takes `chat_id`'s next turn; returns the seconds to wait for it. No await between
        reading and taking the turn, so two sends to one chat never get the same second."""
        wait = self.chat_ready_in(chat_id)
        self._chat_ready_at[chat_id] = self._clock() + wait + self._chat_interval
        self._sending.add(chat_id)
        return wait

    def chat_answered(self, chat_id: int) -> None:
        """Telegram has answered a send to `chat_id`: its next one waits a second from now.
        Counting from the answer, not from our send, keeps the gap Telegram sees at a second
        however long the request was on its way."""
        self.pause_chat(chat_id, self._chat_interval)
        self._done_sending(chat_id)

    def chat_released(self, chat_id: int) -> None:
        """A send that delivered nothing gives its turn back."""
        self._chat_ready_at.pop(chat_id, None)
        self._done_sending(chat_id)

    async def wait_turn(self) -> None:
        """Blocks until a send may start: at most `per_second` starts in any second, spaced.
        A sliding window of actual starts: after the event loop was busy, sleepers with slots
        in the past would all go out at once (31 in one second). The spacing counts from the
        previous start's slot, not from when it woke: counted from the wake-up, every late
        wake-up was lost for good, and a busy loop (a matcher pass, a loaded machine) let out
        14 a second of 25. A late start may catch up CATCH_UP_SECONDS' worth of slots at once
        (2-3 at 25/s), never more than the window allows."""
        async with self._lock:
            while True:
                now = self._clock()
                while self._started and self._started[0] <= now - 1.0:
                    self._started.popleft()
                slot = max(self._last_slot + self._interval, now - CATCH_UP_SECONDS)
                ready = max(now, slot)
                if len(self._started) >= self._per_window:
                    ready = max(ready, self._started[0] + 1.0)
                if ready <= now:
                    self._started.append(now)
                    self._last_slot = slot
                    return
                await asyncio.sleep(ready - now)
