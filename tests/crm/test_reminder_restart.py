"""Interview reminders live in a PostgreSQL job store: a scheduler killed before a reminder
fires leaves the job behind, the next scheduler sends it, and it is sent exactly once."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import bench, interviews, proposals
from crm.scheduler import CrmJobs, make_scheduler
from crm.settings import CrmSettings
from db.engine import make_engine
from db.models import Notification
from db.records.bench import BenchDraft
from db.records.pipeline import InterviewRecord
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People

Factory = async_sessionmaker[AsyncSession]
ROOT = Path(__file__).resolve().parents[2]
REMINDER_AHEAD = timedelta(hours=1)


async def _interview(uow: UnitOfWork, session_factory: Factory, people: People) -> InterviewRecord:
    card_id = await factories.card(session_factory)
    dev = await bench.add(uow, people.manager, BenchDraft(
        name="Ivan", stack=("Python",), rate_min=Decimal(2500), rate_currency="RUB",
        rate_period="hour"))
    submission = await proposals.propose(uow, people.manager, card_id, dev.id)
    local = (datetime.now(UTC) + timedelta(hours=3)).replace(tzinfo=None, microsecond=0)
    return await interviews.schedule(uow, people.manager, submission.id, local, "UTC")


async def _reminders(session_factory: Factory) -> list[str]:
    async with session_factory() as session:
        return list(await session.scalars(sa.select(Notification.dedup_key)))


async def _stored_jobs(database_url: str, table: str) -> list[str]:
    engine = make_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(sa.text(f'SELECT id FROM "{table}"'))
            return [r[0] for r in rows]
    finally:
        await engine.dispose()


async def _wait_for(session_factory: Factory, timeout: float) -> list[str]:
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        found = await _reminders(session_factory)
        if found:
            await asyncio.sleep(1.5)  # long enough for a duplicate to show up, if any
            return await _reminders(session_factory)
        await asyncio.sleep(0.2)
    return []


def _jobs(settings: CrmSettings, url: str, factory: Factory) -> CrmJobs:
    return CrmJobs(make_scheduler(url, settings), lambda: UnitOfWork(factory), settings,
                   reminder_offsets=(REMINDER_AHEAD,))


class TestReminderRestart:
    async def test_a_killed_scheduler_s_reminder_is_sent_once_by_the_next(
        self, uow: UnitOfWork, session_factory: Factory, people: People, database_url: str
    ) -> None:
        interview = await _interview(uow, session_factory, people)
        table = f"jobs_{uuid.uuid4().hex[:8]}"
        worker = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.crm.reminder_worker", database_url, str(interview.id),
            "2", table, cwd=ROOT, stdout=asyncio.subprocess.PIPE,
        )
        assert worker.stdout is not None
        line = await asyncio.wait_for(worker.stdout.readline(), timeout=60)
        os.kill(worker.pid, signal.SIGKILL)
        await worker.wait()
        assert line.decode().strip() == "planned 1"
        assert await _reminders(session_factory) == []
        [job_id] = await _stored_jobs(database_url, table)

        settings = CrmSettings(scheduler_table=table)
        jobs = _jobs(settings, database_url, session_factory)
        jobs.start(stale_check=False)
        try:
            sent = await _wait_for(session_factory, timeout=30)
            assert await jobs.resync() == 1  # the 1 h reminder of this 3 h-ahead interview
        finally:
            jobs.shutdown()
        [key] = sent
        assert key == interviews.reminder_key(
            interview, timedelta(seconds=int(job_id.rsplit(":", 1)[1])))
        assert await _stored_jobs(database_url, table) == [f"interview:{interview.id}:3600"]

    async def test_a_reminder_missed_while_down_is_sent_once_within_the_grace_time(
        self, uow: UnitOfWork, session_factory: Factory, people: People, database_url: str
    ) -> None:
        interview = await _interview(uow, session_factory, people)
        settings = CrmSettings(scheduler_table=f"jobs_{uuid.uuid4().hex[:8]}")
        first = _jobs(settings, database_url, session_factory)
        first.offsets = (interview.scheduled_at - datetime.now(UTC) - timedelta(seconds=1),)
        first.start(stale_check=False)
        assert first.plan(interview) == 1
        first.shutdown()  # down before the reminder's moment: nothing ran
        await asyncio.sleep(2)
        assert await _reminders(session_factory) == []

        second = _jobs(settings, database_url, session_factory)
        second.start(stale_check=False)
        try:
            sent = await _wait_for(session_factory, timeout=30)
        finally:
            second.shutdown()
        assert len(sent) == 1

    async def test_moving_an_interview_earlier_drops_the_reminder_of_its_old_time(
        self, uow: UnitOfWork, session_factory: Factory, people: People, database_url: str
    ) -> None:
        interview = await _interview(uow, session_factory, people)  # 3 h ahead
        table = f"jobs_{uuid.uuid4().hex[:8]}"
        jobs = _jobs(CrmSettings(scheduler_table=table), database_url, session_factory)
        jobs.offsets = (timedelta(hours=2),)
        jobs.start(stale_check=False)
        try:
            assert jobs.plan(interview) == 1
            assert await _stored_jobs(database_url, table) == [f"interview:{interview.id}:7200"]
            soon = (datetime.now(UTC) + timedelta(hours=1)).replace(tzinfo=None, microsecond=0)
            moved = await interviews.reschedule(uow, people.manager, interview.id, soon, "UTC")
            assert jobs.plan(moved) == 0
            assert await _stored_jobs(database_url, table) == []
        finally:
            jobs.shutdown()
