"""Helpers for the outage tests: workers wired to a chosen Redis and delivery policy."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.workers import Workers
from crm.outbox import DeliveryPolicy
from db.models import Notification
from tests.support.chat import TelegramHarness
from tests.support.redis_server import RedisServer


@pytest.fixture
def own_redis() -> Iterator[RedisServer]:
    try:
        server = RedisServer()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    server.start()
    yield server
    server.close()


def make_workers(
    tg: TelegramHarness, mailer: Any, redis: Any | None = None,
    policy: DeliveryPolicy | None = None, count: int = 2,
) -> Workers:
    return Workers(
        tg.bot, tg.dp["session_factory"], redis if redis is not None else tg.dp["redis"],
        mailer, tg.dp["translator"], delivery_workers=count, policy=policy,
    )


async def rows(session_factory: async_sessionmaker[AsyncSession]) -> list[Notification]:
    async with session_factory() as session:
        query = sa.select(Notification).where(Notification.channel == "telegram")
        return list((await session.scalars(query.order_by(Notification.id))).all())
