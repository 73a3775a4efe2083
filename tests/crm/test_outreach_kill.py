"""SIGKILL the chain worker process between steps, again and again: every step of every
chain is done once, no DM leaves twice, and the e-mails and tasks are queued once."""

from __future__ import annotations

import asyncio
import random
import signal
import sys
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from db.models import Notification, OutreachStep, Task
from db.uow import UnitOfWork
from tests.crm.conftest import People
from tests.crm.outreach_support import AUTHOR, Factory, card_by, start

REPO = Path(__file__).resolve().parents[2]
PEOPLE = 4
STEPS_PER_CHAIN = 3


async def _worker(url: str, log: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.crm.outreach_kill_worker", url, str(log), cwd=REPO,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)


async def test_sigkill_between_steps_loses_none_and_sends_none_twice(
    database_url: str, session_factory: Factory, uow: UnitOfWork, people: People,
    tmp_path: Path,
) -> None:
    for n in range(PEOPLE):
        card_id = await card_by(session_factory, people.manager, author_id=AUTHOR + n,
                                message_id=n + 1, text=f"Ищем QA, пишите qa{n}@client.example")
        await start(uow, people.manager, card_id)
    log = tmp_path / "sent.log"
    rng = random.Random(17)
    kills, finished = 0, False
    while not finished:
        process = await _worker(database_url, log)
        assert process.stdout is not None and process.stdin is not None
        assert (await asyncio.wait_for(process.stdout.readline(), 60)).strip() == b"ready"
        wanted = rng.randint(1, 3)  # steps to let it do before the kill
        for _ in range(wanted):
            process.stdin.write(b"go\n")
            await process.stdin.drain()
            line = (await asyncio.wait_for(process.stdout.readline(), 60)).strip()
            if line == b"done":
                finished = True
                break
        if not finished:
            process.send_signal(signal.SIGKILL)
            kills += 1
        await process.wait()
    assert kills >= 3, "the worker finished before it was killed enough to matter"

    sent = Counter(int(line) for line in log.read_text().split())
    assert sent == Counter({AUTHOR + n: 1 for n in range(PEOPLE)})
    async with session_factory() as session:
        steps = (await session.execute(sa.select(
            OutreachStep.run_id, OutreachStep.position, OutreachStep.status,
            OutreachStep.unconfirmed))).all()
        mails = await session.scalar(sa.select(sa.func.count()).select_from(Notification)
                                     .where(Notification.channel == "email"))
        tasks = await session.scalar(sa.select(sa.func.count()).select_from(Task))
    assert len(steps) == PEOPLE * STEPS_PER_CHAIN
    assert {(status, unconfirmed) for *_, status, unconfirmed in steps} == {("done", False)}
    assert Counter(run for run, *_ in steps) == Counter(
        {run: STEPS_PER_CHAIN for run, *_ in steps})
    assert (mails, tasks) == (PEOPLE, PEOPLE)
