"""Shared fixtures: real PostgreSQL (fresh database per session, empty tables per test), real
Redis (its own DB index, flushed per test) and an in-process SMTP server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db import migrate
from db.admin import create_database, drop_database, truncate_all_sql
from db.engine import make_engine, make_session_factory
from db.uow import UnitOfWork
from tests.support.settings import TestServices
from tests.support.smtp import SmtpServer


@pytest.fixture(scope="session")
def services() -> TestServices:
    return TestServices()


@pytest_asyncio.fixture(scope="session")
async def database_url(services: TestServices) -> AsyncIterator[str]:
    try:
        url = await create_database(services.pg_admin_url)
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.skip(f"PostgreSQL is not reachable at {services.pg_admin_url}: {exc}")
    await asyncio.to_thread(migrate.upgrade, url)
    yield url
    await drop_database(services.pg_admin_url, url)


@pytest_asyncio.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture
async def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    async with engine.begin() as conn:
        await conn.exec_driver_sql(truncate_all_sql())
    return make_session_factory(engine)


@pytest.fixture
def uow(session_factory: async_sessionmaker[AsyncSession]) -> UnitOfWork:
    return UnitOfWork(session_factory)


@pytest_asyncio.fixture
async def redis(services: TestServices) -> AsyncIterator[object]:
    from redis.asyncio import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    client = Redis.from_url(services.redis_url)
    try:
        await client.flushdb()
    except RedisConnectionError as exc:
        pytest.skip(f"Redis is not reachable at {services.redis_url}: {exc}")
    yield client
    await client.flushdb()
    await client.aclose()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()
