"""A digest sweep in its own process, for the kill test: python -m tests.analytics.digest_process
DATABASE_URL NOW_ISO (prints "ready", then queues every due digest)."""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime

from bot.digests import DigestBuilder
from bot.i18n import Translator
from bot.settings import DigestSettings
from db.engine import make_engine, make_session_factory
from db.uow import UnitOfWork


async def main(url: str, now: datetime) -> None:
    engine = make_engine(url, pool_size=2)
    factory = make_session_factory(engine)
    try:
        builder = DigestBuilder(lambda: UnitOfWork(factory), Translator(), DigestSettings())
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        result = await builder.run(now)
        sys.stdout.write(f"done due={result.due} queued={result.queued}\n")
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], datetime.fromisoformat(sys.argv[2])))
