"""A Redis outage (down at start, or a blip mid-run) delays pushes by a sweep at most; the
loops never die, and each outage is logged once."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.liveness import WORKERS
from tests.bot.intake import add_source, publish_request
from tests.bot.outage_support import make_workers, own_redis
from tests.bot.test_push_e2e import pushes, until
from tests.support.chat import ChatUser, TelegramHarness
from tests.support.redis_server import RedisServer

__all__ = ["own_redis"]


class TestRedisOutage:
    async def test_redis_down_at_start_pushes_still_go_out(
        self, tg: TelegramHarness, manager: ChatUser, mailer: Any, own_redis: RedisServer,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await manager.send("/search react")
        own_redis.stop()
        redis = Redis.from_url(own_redis.url)
        running = make_workers(tg, mailer, redis)
        running.start()
        try:
            source_id = await add_source(session_factory, "@itjobs")
            for n in range(3):
                await publish_request(session_factory, redis, source_id, f"React request {n}")
            await until(lambda: len(pushes(tg, manager.id)) == 3, timeout=30)
            assert WORKERS.problems() == {}
        finally:
            await running.stop()
            await redis.aclose()

    async def test_a_redis_blip_mid_run_loses_no_push_and_logs_once(
        self, tg: TelegramHarness, manager: ChatUser, mailer: Any, own_redis: RedisServer,
        session_factory: async_sessionmaker[AsyncSession], caplog: pytest.LogCaptureFixture,
    ) -> None:
        await manager.send("/search react")
        redis = Redis.from_url(own_redis.url)
        running = make_workers(tg, mailer, redis)
        running.start()
        source_id = await add_source(session_factory, "@itjobs")
        try:
            await publish_request(session_factory, redis, source_id, "React request 0")
            await until(lambda: len(pushes(tg, manager.id)) == 1, timeout=10)
            own_redis.stop()
            await asyncio.sleep(2.5)  # every waiter notices; one ERROR each, not one a second
            for n in (1, 2):
                await publish_request(session_factory, redis, source_id, f"React request {n}")
            await until(lambda: len(pushes(tg, manager.id)) == 3, timeout=30)
            own_redis.start()
            await asyncio.sleep(2.5)
            await publish_request(session_factory, redis, source_id, "React request 3")
            await until(lambda: len(pushes(tg, manager.id)) == 4, timeout=30)
            assert WORKERS.problems() == {}
        finally:
            await running.stop()
            await redis.aclose()
        lost = [r for r in caplog.records if r.levelno == logging.ERROR and "lost" in r.message]
        assert 1 <= len(lost) <= 3, [r.message for r in lost]  # one per waiter at most
        assert any("are back" in r.message for r in caplog.records)
