"""Opening PostgreSQL and Redis for a process, with embedded stand-ins when none is configured.

With DATABASE_URL unset an embedded PostgreSQL (pgserver) starts in DB_EMBEDDED_DIR, and with
REDIS_URL unset an in-process Redis stand-in is used: the product runs on a bare machine
(`make demo`). The stand-in Redis is per process, so it only suits the one-process demo.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.engine import make_engine, make_session_factory
from db.settings import DbSettings, RedisSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Database:
    url: str
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    embedded: bool


def database_url(settings: DbSettings) -> tuple[str, bool]:
    """The URL to use, starting the embedded server first when none is configured."""
    if settings.database_url is not None:
        return settings.database_url.get_secret_value(), False
    # pgserver asks platformdirs for a runtime dir it never uses; its warning only confuses.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    import pgserver  # only the embedded path needs it

    data_dir = Path(settings.embedded_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    # "stop": the embedded server ends with the last process using it.
    server = pgserver.get_server(str(data_dir), cleanup_mode="stop")
    log.info("DATABASE_URL is unset: embedded PostgreSQL in %s", data_dir)
    return f"postgresql+asyncpg://postgres@/postgres?host={server.pgdata}", True


def open_database(settings: DbSettings) -> Database:
    url, embedded = database_url(settings)
    engine = make_engine(url, pool_size=settings.pool_size, echo=settings.echo)
    return Database(url, engine, make_session_factory(engine), embedded)


def open_redis(settings: RedisSettings) -> Any:
    if settings.redis_url is not None:
        from redis.asyncio import Redis

        return Redis.from_url(settings.redis_url.get_secret_value())
    from fakeredis import FakeAsyncRedis

    log.info("REDIS_URL is unset: in-process Redis stand-in (single-process use only)")
    return FakeAsyncRedis()
