"""Seeded benchmark databases kept as templates, so a rerun clones in seconds instead of
seeding 1,000,000 rows for minutes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import asyncpg
from sqlalchemy.engine import make_url

from db.admin import create_database


def _plain(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def seeded_copy(
    admin_url: str, template: str, prefix: str, seed: Callable[[], Awaitable[str]],
    fresh: bool = False,
) -> str:
    """A new database cloned from `template`, which `seed()` (returning a seeded database's
    URL) builds first when it is missing or `fresh` asks for it. The clone's URL is returned;
    the caller drops it, the template stays for the next run."""
    conn = await asyncpg.connect(_plain(admin_url))
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", template)
        if exists and fresh:
            await conn.execute(f'DROP DATABASE "{template}" WITH (FORCE)')
        if not exists or fresh:
            seeded = make_url(await seed()).database
            await conn.execute(f'ALTER DATABASE "{seeded}" RENAME TO "{template}"')
    finally:
        await conn.close()
    url = await create_database(admin_url, prefix=prefix)
    name = make_url(url).database
    conn = await asyncpg.connect(_plain(admin_url))
    try:
        # CREATE DATABASE ... TEMPLATE copies files: the empty database made above only
        # reserved a unique name.
        await conn.execute(f'DROP DATABASE "{name}"')
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    finally:
        await conn.close()
    return url
