"""A UnitOfWork over the configured database, for one-shot commands; the engine closes after."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from db.runtime import open_database
from db.settings import DbSettings
from db.uow import UnitOfWork


@asynccontextmanager
async def open_uow() -> AsyncIterator[UnitOfWork]:
    database = open_database(DbSettings())
    try:
        yield UnitOfWork(database.session_factory)
    finally:
        await database.engine.dispose()
