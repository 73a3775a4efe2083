"""Replay the 9,630 real posts of tg_jobs_wudmc through the collector's storing path into a fresh
database: posts stored per second (first pass and an idempotent re-read) and peak RSS."""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

from bench.common import ADMIN_URL, Figure, peak_rss_mb, require_shared, write_results
from collector.intake import HISTORY_BATCH, Collector
from collector.jsonl_reader import JsonlReader
from crm import sources
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.models import Source
from db.uow import UnitOfWork


async def _main(records: Path, admin_url: str, batch: int) -> None:
    reader = JsonlReader(records)
    total = sum(len(m) for m in reader.messages.values())
    url = await create_database(admin_url, prefix="radar_bench_collector")
    engine = make_engine(url, pool_size=2)
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        factory = make_session_factory(engine)
        await sources.ensure_chats(UnitOfWork(factory), list(reader.chats.values()))
        collector = Collector(factory, None, reader, batch_size=batch)
        start = time.perf_counter()
        report = await collector.fill_gaps()
        first = time.perf_counter() - start
        assert report.stored == total, f"stored {report.stored} of {total}"
        async with engine.begin() as conn:  # rewind cursors: the same posts come again
            await conn.execute(Source.__table__.update().values(read_cursor=0))
        start = time.perf_counter()
        await collector.fill_gaps()
        again = time.perf_counter() - start
    finally:
        await engine.dispose()
        await drop_database(admin_url, url)
    write_results("collector_replay", [
        Figure("collector_replay.posts", float(total), "posts", "9630"),
        Figure("collector_replay.store_rate", total / first, "posts/s", ">= 500"),
        Figure("collector_replay.reread_rate", total / again, "posts/s", ">= 1000 (no-ops)"),
        Figure("collector_replay.peak_rss", peak_rss_mb(), "MiB", "< 400"),
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--admin-url", default=ADMIN_URL)
    parser.add_argument("--batch", type=int, default=HISTORY_BATCH)
    args = parser.parse_args()
    records = require_shared("tg_jobs_wudmc/records.jsonl")
    asyncio.run(_main(records, args.admin_url, args.batch))


if __name__ == "__main__":
    main()
