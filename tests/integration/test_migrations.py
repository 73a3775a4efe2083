"""The stairway: every revision goes up, down and up again on real PostgreSQL, and the chain
ends exactly at what the models declare."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine
from db.models import Base
from tests.support.settings import TestServices


@pytest_asyncio.fixture
async def empty_database(services: TestServices) -> AsyncIterator[str]:
    url = await create_database(services.pg_admin_url, prefix="radar_stairway")
    yield url
    await drop_database(services.pg_admin_url, url)


def _revisions() -> list[str]:
    return migrate.revisions("postgresql://unused/unused")


class TestMigrations:
    def test_chain_is_linear_and_starts_at_0001(self) -> None:
        revisions = _revisions()
        assert revisions[0] == "0001"
        assert len(revisions) == len(set(revisions))

    @pytest.mark.parametrize("revision", _revisions())
    async def test_stairway(self, empty_database: str, revision: str) -> None:
        revisions = _revisions()
        previous = revisions[revisions.index(revision) - 1] if revision != revisions[0] else "base"
        await asyncio.to_thread(migrate.upgrade, empty_database, revision)
        await asyncio.to_thread(migrate.downgrade, empty_database, previous)
        await asyncio.to_thread(migrate.upgrade, empty_database, revision)

    async def test_head_matches_models(self, empty_database: str) -> None:
        await asyncio.to_thread(migrate.upgrade, empty_database, "head")
        engine = make_engine(empty_database, pool_size=1)

        def diff(connection: Connection) -> list[object]:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))

        async with engine.connect() as conn:
            changes = await conn.run_sync(diff)
        await engine.dispose()
        assert changes == [], f"models and migrations differ, run `make schema`: {changes}"
