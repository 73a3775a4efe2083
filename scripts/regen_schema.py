"""Rebuild the initial migration from the models (allowed only while nothing is deployed).

Usage: python -m scripts.regen_schema [ADMIN_URL]. Once a release exists, add new revisions
with `alembic revision --autogenerate` instead of rewriting 0001.
"""

from __future__ import annotations

import asyncio
import sys

from alembic import command

from db import migrate
from db.admin import create_database, drop_database


async def _main(admin_url: str) -> None:
    url = await create_database(admin_url, prefix="radar_schema")
    try:
        for path in migrate.MIGRATIONS_DIR.joinpath("versions").glob("0001_*.py"):
            path.unlink()
        config = migrate.alembic_config(url)
        await asyncio.to_thread(
            command.revision, config, message="initial schema", autogenerate=True, rev_id="0001"
        )
    finally:
        await drop_database(admin_url, url)


def main() -> None:
    admin_url = (
        sys.argv[1] if len(sys.argv) > 1 else "postgresql://postgres@127.0.0.1:5432/postgres"
    )
    asyncio.run(_main(admin_url))


if __name__ == "__main__":
    main()
