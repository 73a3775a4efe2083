"""Delivery against a flaky Bot API (the sandbox's injected faults): 5xx and dropped
connections spend no attempts, a hang stalls only its own send and holds no row lock, and
what may have been delivered twice is counted."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.delivery.pacing import CHAT_INTERVAL_SECONDS
from crm import outbox
from crm.outbox import DeliveryPolicy
from db.models import Notification
from db.uow import UnitOfWork
from sandbox.faults import Fault
from tests.bot.intake import add_source, publish_request
from tests.bot.outage_support import make_workers, rows
from tests.bot.test_push_e2e import pushes, until
from tests.support.chat import ChatUser, TelegramHarness

# Longer than the pushes below may take, so a worker that waited for the hang misses them.
HANG_SECONDS = 3 + 12 * CHAT_INTERVAL_SECONDS + 3


async def _publish(session_factory: async_sessionmaker[AsyncSession], redis: Any,
                   count: int) -> None:
    source_id = await add_source(session_factory, "@itjobs")
    for n in range(count):
        await publish_request(session_factory, redis, source_id, f"React request {n}")


async def _rows_locked(session_factory: async_sessionmaker[AsyncSession]) -> bool:
    async with session_factory() as session:
        try:
            await session.execute(sa.select(Notification.id).with_for_update(nowait=True))
        except DBAPIError:
            await asyncio.sleep(0.2)
            return True
        finally:
            await session.rollback()
    return False


def _texts(tg: TelegramHarness, chat: int) -> list[str]:
    return sorted(c.params["text"].split("\n")[2] for c in pushes(tg, chat))


class TestFlakyTelegram:
    async def test_an_outage_of_5xx_and_resets_spends_no_attempts_and_loses_nothing(
        self, tg: TelegramHarness, manager: ChatUser, mailer: Any, redis: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await manager.send("/search react")
        tg.emu.inject("sendMessage", Fault("5xx", remaining=8))
        running = make_workers(tg, mailer)
        running.start()
        try:
            await _publish(session_factory, redis, 3)
            await until(lambda: tg.emu.state.faults.injected >= 3, timeout=15)
            tg.emu.inject("sendMessage", Fault("reset", remaining=3))
            found = await rows(session_factory)
            assert [r.attempts for r in found] == [0, 0, 0]
            assert {r.status for r in found} == {"pending"}
            tg.emu.clear_faults()
            await until(lambda: len(pushes(tg, manager.id)) == 3, timeout=30)
        finally:
            await running.stop()
        found = await rows(session_factory)
        assert {r.status for r in found} == {"sent"}
        assert len(_texts(tg, manager.id)) == len(set(_texts(tg, manager.id))) == 3

    async def test_transient_errors_past_the_horizon_make_a_row_dead(
        self, tg: TelegramHarness, manager: ChatUser, mailer: Any, redis: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await manager.send("/search react")
        tg.emu.inject("sendMessage", Fault("5xx"))
        await _publish(session_factory, redis, 1)
        from crm import searches

        await searches.match_new_cards(UnitOfWork(session_factory))
        sender = make_workers(tg, mailer).sender
        policy = DeliveryPolicy(horizon=timedelta(seconds=0.5))
        assert await outbox.deliver_next(UnitOfWork(session_factory), sender, policy)
        [row] = await rows(session_factory)
        assert row.status == "pending" and row.attempts == 0
        await asyncio.sleep(0.6)
        async with session_factory() as session:
            await session.execute(sa.update(Notification).values(next_attempt_at=sa.func.now()))
            await session.commit()
        assert await outbox.deliver_next(UnitOfWork(session_factory), sender, policy)
        [row] = await rows(session_factory)
        assert row.status == "dead" and "ServerError" in (row.last_error or "")

    async def test_a_hanging_send_stalls_only_itself_holds_no_lock_and_is_counted(
        self, tg: TelegramHarness, manager: ChatUser, mailer: Any, redis: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await manager.send("/search react")
        # The first push is delivered, then its reply hangs past the client's timeout.
        # Hanging longer than the slowest honest run takes, so a worker that waited for the
        # hang would miss the deadline below by seconds, not by scheduling noise.
        tg.emu.inject("sendMessage", Fault("hang", deliver=True, seconds=HANG_SECONDS,
                                           remaining=1))
        running = make_workers(tg, mailer, policy=DeliveryPolicy(send_timeout=1.0), count=3)
        running.start()
        try:
            await _publish(session_factory, redis, 6)
            await until(lambda: tg.emu.state.faults.injected == 1, timeout=10)
            # While it hangs no transaction holds the row: NOWAIT would fail on a lock. Another
            # worker's claim holds the rows it takes for a moment (seconds on a loaded
            # machine), so one clear look of five will do; a lock held through the hang
            # fails all five.
            looks = [await _rows_locked(session_factory) for _ in range(5)]
            assert not all(looks), "a send holds its row lock"
            # One chat takes a message a second: the six wait their turns, not for the hang.
            # Each turn also waits for a claim, which on a loaded machine doubles it.
            await until(lambda: len(pushes(tg, manager.id)) >= 6,
                        timeout=3 + 12 * CHAT_INTERVAL_SECONDS)
            await until(lambda: len(pushes(tg, manager.id)) == 7, timeout=30)
            await asyncio.sleep(0.5)
        finally:
            await running.stop()
        found = await rows(session_factory)
        assert {r.status for r in found} == {"sent"}
        texts = _texts(tg, manager.id)
        duplicates = len(texts) - len(set(texts))
        assert duplicates == 1 == sum(r.unconfirmed for r in found)
        counts = await outbox.delivery_counts(UnitOfWork(session_factory))
        assert counts["unconfirmed"] == 1 and counts["sent"] == 6
