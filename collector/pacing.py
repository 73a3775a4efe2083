"""One rate gate per account: every call to Telegram waits for a token first."""

from __future__ import annotations

from aiolimiter import AsyncLimiter

# Telegram publishes no limits; these keep a userbot well under what gets FloodWaits in practice
# (telegram-export and Telethon's docs suggest about one history request per second).
CALLS_PER_SECOND = 1.0
BURST_CALLS = 5
# Seconds Telethon sleeps between history pages of 100 messages (iter_messages wait_time).
HISTORY_PAGE_WAIT = 1.0
# FloodWaits up to this many seconds are slept by Telethon itself (flood_sleep_threshold);
# longer ones reschedule only the chat that got them.
FLOOD_SLEEP_THRESHOLD = 60


def account_gate(rate: float = CALLS_PER_SECOND, burst: int = BURST_CALLS) -> AsyncLimiter:
    """`rate` calls per second on average, bursts up to `burst` (aiolimiter's leaky bucket)."""
    return AsyncLimiter(burst, burst / rate)
