"""Long-running processes of the fault suite that have no `radar` command of their own.

    python -m bench.fault_procs classify --database-url URL --redis-url URL
    python -m bench.fault_procs collector --database-url URL --redis-url URL --records FILE

The classify worker with the tests' keyword classifier: the suite is about what survives
faults, not model quality, and the neural model would spend the shared CPUs on inference.
The collector is `collector run`'s loop (gap fill every 2 s) over the recorded data set
instead of Telegram.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from redis.asyncio import Redis

from collector import app
from collector.classify_worker import ClassifyWorker
from collector.jsonl_reader import JsonlReader
from crm import sources
from db.engine import make_engine, make_session_factory
from db.uow import UnitOfWork
from tests.fakes.classifier import FakeClassifier


async def classify(database_url: str, redis_url: str) -> None:
    engine = make_engine(database_url, pool_size=2)
    redis = Redis.from_url(redis_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    worker = ClassifyWorker(make_session_factory(engine), redis, FakeClassifier(),
                            sweep_seconds=2.0, retry_failed_seconds=30.0)
    try:
        await worker.run(stop)
    finally:
        await redis.aclose()
        await engine.dispose()


async def collect(database_url: str, redis_url: str, records: Path) -> None:
    engine = make_engine(database_url, pool_size=2)
    redis = Redis.from_url(redis_url)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    factory = make_session_factory(engine)
    reader = JsonlReader(records)
    try:
        while not stop.is_set():  # the sources must exist first; PostgreSQL may be down
            try:
                await sources.ensure_chats(UnitOfWork(factory), list(reader.chats.values()))
                break
            except Exception:
                await asyncio.sleep(1.0)
        await app.run(factory, redis, reader, account=None, stop=stop, gap_fill_seconds=2.0)
    finally:
        await redis.aclose()
        await engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fault_procs")
    parser.add_argument("process", choices=["classify", "collector"])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--records", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: "
                        "%(message)s")
    if args.process == "collector":
        asyncio.run(collect(args.database_url, args.redis_url, args.records))
    else:
        asyncio.run(classify(args.database_url, args.redis_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
