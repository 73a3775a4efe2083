"""The chain worker as its own process, for the SIGKILL test: for each line on stdin it walks
the clock to the next due step, does it and prints its kind; between two lines it is idle, so
a kill after a printed line lands between steps. Its DMs go through the collector's Telethon
sender to a client that appends each one to a file (what left the process).

    python -m tests.crm.outreach_kill_worker DATABASE_URL SENT_LOG
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from typing import Any

import sqlalchemy as sa
from telethon import TelegramClient
from telethon.sessions import MemorySession

from collector.telethon_outreach import TelethonDmSender
from crm.outreach_chains import load_chains
from crm.outreach_settings import OutreachSettings
from crm.outreach_worker import OutreachWorker
from db.engine import make_engine, make_session_factory
from db.models import OutreachStep
from db.uow import UnitOfWork


class FileClient(TelegramClient):
    def __init__(self, log_path: str) -> None:
        super().__init__(MemorySession(), api_id=1, api_hash="0" * 32)
        self._log_path = log_path

    async def send_message(self, entity: Any, message: Any = "", **kwargs: Any) -> Any:
        # On disk before the call returns, as a sent message is on Telegram's servers.
        _append(self._log_path, f"{entity}\n")


def _append(path: str, line: str) -> None:
    with open(path, "a", encoding="utf-8") as log:
        log.write(line)
        log.flush()
        os.fsync(log.fileno())


def say(line: str) -> None:
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


async def main(url: str, log_path: str) -> int:
    engine = make_engine(url, pool_size=2)
    factory = make_session_factory(engine)
    worker = OutreachWorker(load_chains(), OutreachSettings(pacing_seconds=0),
                            TelethonDmSender(FileClient(log_path), "main"), random.Random())
    say("ready")
    try:
        while await asyncio.to_thread(sys.stdin.readline):
            async with factory() as session:
                due = await session.scalar(sa.select(sa.func.min(OutreachStep.due_at))
                                           .where(OutreachStep.status == "pending"))
            if due is None:
                say("done")
                return 0
            step = await worker.run_next(UnitOfWork(factory), due)
            say(f"step {step.kind if step else '-'}")
        return 1
    finally:
        await engine.dispose()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2])))
