"""Entry point: read the replay data set into a database through the real storing path.

    python -m collector.dataset_replay RECORDS.jsonl --database-url URL [--batch N]

Restartable at any moment (the kill test SIGKILLs it): every batch commits with its cursor.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from collector.intake import HISTORY_BATCH, Collector, FillReport
from collector.jsonl_reader import JsonlReader
from crm import sources
from db.engine import make_engine, make_session_factory
from db.uow import UnitOfWork


async def replay(url: str, path: Path, *, batch: int = HISTORY_BATCH) -> FillReport:
    engine = make_engine(url, pool_size=2)
    try:
        factory = make_session_factory(engine)
        reader = JsonlReader(path)
        await sources.ensure_chats(UnitOfWork(factory), list(reader.chats.values()))
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        collector = Collector(factory, None, reader, batch_size=batch)
        return await collector.fill_gaps()
    finally:
        await engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m collector.dataset_replay")
    parser.add_argument("records", type=Path)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--batch", type=int, default=HISTORY_BATCH)
    args = parser.parse_args(argv)
    report = asyncio.run(replay(args.database_url, args.records, batch=args.batch))
    sys.stdout.write(f"done stored={report.stored} failed={report.failed}\n")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
