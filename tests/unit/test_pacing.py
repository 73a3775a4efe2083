"""The delivery pacer: at most N sends start in any second, even after the event loop was
busy, and one chat's messages are a second apart."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.delivery.pacing import GLOBAL_MESSAGES_PER_SECOND, SendPacer


async def _starts(pacer: SendPacer, count: int, stall: float = 0.0) -> list[float]:
    started: list[float] = []

    async def one() -> None:
        await pacer.wait_turn()
        started.append(time.monotonic())

    tasks = [asyncio.create_task(one()) for _ in range(count)]
    await asyncio.sleep(0.05)
    time.sleep(stall)  # noqa: ASYNC251 - the loop busy elsewhere (a matcher pass) while sends wait their turn
    await asyncio.gather(*tasks)
    return started


def _most_in_a_second(starts: list[float]) -> int:
    return max(sum(1 for t in starts if s <= t < s + 1.0) for s in starts)


async def test_no_second_holds_more_starts_than_the_rate_even_after_a_stall() -> None:
    starts = await _starts(SendPacer(per_second=10), 25, stall=0.4)
    assert len(starts) == 25
    assert _most_in_a_second(starts) <= 10
    # A late start catches up 0.2 s of slots at most: never more than 3 together at 10/s.
    assert max(sum(1 for t in starts if s <= t < s + 0.01) for s in starts) <= 3


async def test_a_late_wake_up_catches_up_its_missed_slots_but_no_more() -> None:
    now = [100.0]
    pacer = SendPacer(per_second=10, clock=lambda: now[0])

    async def starts_now() -> bool:
        try:
            await asyncio.wait_for(pacer.wait_turn(), 0.3)  # its clock stands still meanwhile
        except TimeoutError:
            return False
        return True

    assert [await starts_now() for _ in range(4)] == [True, True, False, False]
    now[0] += 0.5  # the event loop was busy: five slots went by, 0.1 s of them are made up
    assert [await starts_now() for _ in range(4)] == [True, True, False, False]
    now[0] += 0.1
    assert [await starts_now() for _ in range(2)] == [True, False]


async def test_one_chat_waits_its_second_and_other_chats_do_not() -> None:
    pacer = SendPacer(chat_interval=1.1)
    assert pacer.reserve_chat(1) == 0.0
    assert 1.0 < pacer.reserve_chat(1) <= 1.1  # the second message to chat 1 waits its turn
    assert 2.1 < pacer.reserve_chat(1) <= 2.2
    assert pacer.reserve_chat(2) == 0.0


async def test_a_second_counts_from_telegrams_answer_and_a_429_pause_wins() -> None:
    now = [100.0]
    pacer = SendPacer(clock=lambda: now[0], chat_interval=1.1)
    pacer.reserve_chat(1)
    now[0] += 3.0  # the answer came late: the next message waits from the answer
    pacer.chat_answered(1)
    assert pacer.chat_ready_in(1) == pytest.approx(1.1)
    pacer.pause_chat(1, 30.0)
    pacer.chat_answered(1)
    assert pacer.chat_ready_in(1) == pytest.approx(30.0)


async def test_a_chat_stays_busy_until_its_send_is_answered_or_given_back() -> None:
    now = [100.0]
    pacer = SendPacer(clock=lambda: now[0], chat_interval=1.1)
    pacer.reserve_chat(1)
    now[0] += 2.0  # its turn's second is over, but the send still waits for the global pacer
    assert pacer.chat_ready_in(1) == 0.0 and pacer.chat_busy(1)
    pacer.chat_answered(1)
    assert not pacer.chat_busy(1) and pacer.chat_ready_in(1) == pytest.approx(1.1)
    pacer.reserve_chat(2)
    pacer.chat_released(2)  # a refused connection delivered nothing
    assert not pacer.chat_busy(2) and pacer.chat_ready_in(2) == 0.0


async def test_a_send_cancelled_while_waiting_its_turn_gives_the_chat_back() -> None:
    from types import SimpleNamespace
    from typing import Any

    from bot.delivery.senders import TelegramSender

    pacer = SendPacer(per_second=1)
    await pacer.wait_turn()  # this second's only start is taken: the next send waits
    sender = TelegramSender(bot=None, translator=None, pacer=pacer)  # type: ignore[arg-type]
    due: Any = SimpleNamespace(user=SimpleNamespace(tg_user_id=7))
    waiting = asyncio.create_task(sender(due))
    await asyncio.sleep(0.1)
    assert pacer.chat_busy(7)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert not pacer.chat_busy(7) and pacer.chat_ready_in(7) == 0.0


async def test_the_sandbox_never_refuses_the_pacers_starts_for_the_global_limit() -> None:
    """Telegram's (and the sandbox's) global limit is a bucket of 30 refilled at 30/s: it
    refuses the k-th arrival only if more than 30 + 30·T arrived within some T before it. The
    pacer spaces its starts' slots 1/rate apart and lets a late one make up at most C = 0.2 s
    of them, so arrivals within T number at most rate·(T + J + C) + 1 when each request's way
    to the server varies by up to J: under the bucket for J up to ~0.76 s at 30/s. Here: the
    pacer's real starts, after a stall, with 0-150 ms of jitter."""
    import random

    from sandbox.ratelimit import TokenBucketLimiter

    starts = await _starts(SendPacer(per_second=30.0), 80, stall=0.4)  # the most it may be
    rng = random.Random(20)
    arrivals = sorted(t + rng.uniform(0.0, 0.15) for t in starts)
    clock = [0.0]
    bucket = TokenBucketLimiter(30.0, clock=lambda: clock[0])
    refused = 0
    for at in arrivals:
        clock[0] = at
        if bucket.retry_after("*"):
            refused += 1
        else:
            bucket.consume("*")
    assert refused == 0
    assert _most_in_a_second(starts) <= 30
    assert GLOBAL_MESSAGES_PER_SECOND <= 30


async def test_a_second_send_to_a_busy_chat_waits_for_the_answer_not_for_a_retry() -> None:
    pacer = SendPacer(chat_interval=1.1)
    pacer.reserve_chat(1)
    waiting = asyncio.create_task(pacer.chat_free(1, 2.0))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    pacer.chat_answered(1)
    assert await waiting is True and pacer.chat_ready_in(1) == pytest.approx(1.1, abs=0.05)
    pacer.reserve_chat(2)
    assert await pacer.chat_free(2, 0.05) is False  # never answered: the row is sent back
