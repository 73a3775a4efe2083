"""How long the whole Alembic chain takes up and down on a fresh PostgreSQL database."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from bench.common import ADMIN_URL, Figure, write_results
from db import migrate
from db.admin import create_database, drop_database


async def _one_round(admin_url: str) -> tuple[float, float]:
    url = await create_database(admin_url, prefix="radar_bench_migrate")
    try:
        start = time.perf_counter()
        await asyncio.to_thread(migrate.upgrade, url)
        up = time.perf_counter() - start
        start = time.perf_counter()
        await asyncio.to_thread(migrate.downgrade, url, "base")
        down = time.perf_counter() - start
    finally:
        await drop_database(admin_url, url)
    return up, down


async def _main(rounds: int, admin_url: str) -> None:
    timings = [await _one_round(admin_url) for _ in range(rounds)]
    write_results(
        "migrations",
        [
            Figure(
                "migrations.upgrade_head_median",
                statistics.median(t[0] for t in timings),
                "s",
                "informational",
            ),
            Figure(
                "migrations.downgrade_base_median",
                statistics.median(t[1] for t in timings),
                "s",
                "informational",
            ),
        ],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--admin-url", default=ADMIN_URL)
    args = parser.parse_args()
    asyncio.run(_main(args.rounds, args.admin_url))


if __name__ == "__main__":
    main()
