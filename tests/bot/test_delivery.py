"""Outbox delivery against the sandbox: 429 pacing, 403 pause, retries with backoff."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import outbox
from crm.outbox import MAX_ATTEMPTS, backoff
from db.models import Notification, User
from db.uow import UnitOfWork
from tests.bot.intake import add_source, publish_request
from tests.bot.test_push_e2e import enable_email, pushes, until, workers
from tests.support.chat import ChatUser, TelegramHarness


@pytest.fixture
def emu_options() -> dict[str, Any]:
    return {"rate_limit_per_chat": 1.0}


async def statuses(session_factory: async_sessionmaker[AsyncSession]) -> list[tuple[str, str]]:
    async with session_factory() as session:
        query = sa.select(Notification.channel, Notification.status).order_by(Notification.id)
        return [tuple(r) for r in (await session.execute(query)).all()]  # type: ignore[misc]


class TestDelivery:
    async def test_429_waits_retry_after_then_delivers_each_once(
        self, tg: TelegramHarness, manager: ChatUser, redis: Any, mailer: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await asyncio.sleep(1.1)  # one message per second per chat here: let /start's reply pass
        await manager.send("/search react")
        await asyncio.sleep(1.1)
        source_id = await add_source(session_factory, "@itjobs")
        for n in range(3):
            await publish_request(session_factory, redis, source_id, f"React request {n}")
        running = workers(tg, mailer)
        # A reply from the bot's screens (not paced by the delivery workers) has just used
        # the chat's second: the first push is refused with a real 429.
        tg.emu.state.flood.check_and_count(manager.id)
        running.start()
        try:
            await until(lambda: len(pushes(tg, manager.id)) == 3, timeout=15)
        finally:
            await running.stop()
        limited = [c for c in tg.emu.calls_of("sendMessage") if c.error_code == 429]
        assert limited, "the sandbox never said 429"
        first_429 = limited[0]
        after = [c for c in pushes(tg, manager.id) if c.at > first_429.at]
        retry_after = first_429.parameters["retry_after"] if first_429.parameters else 1
        assert after and after[0].at - first_429.at >= retry_after * 0.9
        texts = sorted(c.params["text"].split("\n")[2] for c in pushes(tg, manager.id))
        texts = [t.removeprefix("<b>").removesuffix("</b>") for t in texts]
        assert texts == ["React request 0", "React request 1", "React request 2"]
        assert await statuses(session_factory) == [("telegram", "sent")] * 3

    async def test_pushes_to_one_chat_wait_their_second_instead_of_a_429(
        self, tg: TelegramHarness, manager: ChatUser, redis: Any, mailer: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await asyncio.sleep(1.1)
        await manager.send("/search react")
        await asyncio.sleep(1.1)
        source_id = await add_source(session_factory, "@itjobs")
        for n in range(3):
            await publish_request(session_factory, redis, source_id, f"React request {n}")
        running = workers(tg, mailer)
        running.start()
        try:
            await until(lambda: len(pushes(tg, manager.id)) == 3, timeout=15)
        finally:
            await running.stop()
        assert [c for c in tg.emu.calls_of("sendMessage") if c.error_code == 429] == []
        times = [c.at for c in pushes(tg, manager.id)]
        assert all(later - earlier >= 1.0 for earlier, later in itertools.pairwise(times))
        assert await statuses(session_factory) == [("telegram", "sent")] * 3

    async def test_403_pauses_pushes_and_cancels_pending_telegram_ones(
        self, tg: TelegramHarness, manager: ChatUser, redis: Any, mailer: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await asyncio.sleep(1.1)
        await manager.send("/search react")
        await enable_email(session_factory, manager.id)
        tg.emu.block(manager.id)
        source_id = await add_source(session_factory, "@itjobs")
        for n in range(2):
            await publish_request(session_factory, redis, source_id, f"React request {n}")
        running = workers(tg, mailer)
        running.start()
        try:
            await until(lambda: len(mailer.sent) == 2)
            await asyncio.sleep(0.5)
        finally:
            await running.stop()
        assert pushes(tg, manager.id) == []
        found = await statuses(session_factory)
        assert sorted(found) == [("email", "sent"), ("email", "sent"),
                                 ("telegram", "cancelled"), ("telegram", "cancelled")]
        async with session_factory() as session:
            paused = await session.scalar(
                sa.select(User.pushes_paused_at).where(User.tg_user_id == manager.id)
            )
        assert paused is not None

        tg.emu.unblock(manager.id)
        await asyncio.sleep(1.1)
        await manager.send("/start")  # writing again unblocks: pushes resume
        async with session_factory() as session:
            paused = await session.scalar(
                sa.select(User.pushes_paused_at).where(User.tg_user_id == manager.id)
            )
        assert paused is None

    async def test_permanent_failures_back_off_then_go_dead(
        self, tg: TelegramHarness, manager: ChatUser, redis: Any, mailer: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await asyncio.sleep(1.1)
        await manager.send("/search react")
        await enable_email(session_factory, manager.id)
        tg.emu.block(manager.id)  # keep telegram out of the way
        mailer.fail_with = ValueError("bad address")
        source_id = await add_source(session_factory, "@itjobs")
        await publish_request(session_factory, redis, source_id, "React request")
        from crm import searches

        await searches.match_new_cards(UnitOfWork(session_factory))
        sender = workers(tg, mailer).sender
        for attempt in range(1, MAX_ATTEMPTS + 1):
            async with session_factory() as session:
                await session.execute(
                    sa.update(Notification).where(Notification.status == "pending")
                    .values(next_attempt_at=sa.func.now())
                )
                await session.commit()
            while await outbox.deliver_next(UnitOfWork(session_factory), sender):
                pass
            async with session_factory() as session:
                email = await session.scalar(
                    sa.select(Notification).where(Notification.channel == "email")
                )
            assert email is not None and email.attempts == attempt
        assert email.status == "dead" and "bad address" in (email.last_error or "")
        assert backoff(1).total_seconds() == 5 and backoff(3).total_seconds() == 20
        assert backoff(100).total_seconds() == 3600
