"""CRM background jobs on APScheduler 3: interview reminders in a persistent PostgreSQL job
store (they survive restarts), and the periodic check for quiet cards.

Jobs are pickled by reference into the store, so they cannot carry a session factory; the
running process's CrmJobs.start() records what they need in one typed slot (CrmJobs.running)
before the scheduler starts, and the job functions read it there.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import make_url

from crm import client_lifecycle, interviews, pipeline
from crm.settings import CrmSettings
from db.backoff import Backoff
from db.records.pipeline import InterviewRecord
from db.uow import UnitOfWork

UowFactory = Callable[[], UnitOfWork]
STALE_JOB_ID = "crm:stale-cards"
CLIENTS_JOB_ID = "crm:clients-recompute"
# How long a job keeps retrying through an outage before APScheduler records it failed.
JOB_RETRY_SECONDS = 600.0
JOB_RETRY_BASE_SECONDS = 1.0
log = logging.getLogger(__name__)


def to_sync_url(url: str) -> str:
    """The job store talks to PostgreSQL synchronously (psycopg2), the app through asyncpg."""
    parsed = make_url(url)
    if parsed.get_backend_name() not in ("postgresql", "postgres"):
        return url
    return parsed.set(drivername="postgresql+psycopg2").render_as_string(hide_password=False)


def make_scheduler(database_url: str, settings: CrmSettings) -> AsyncIOScheduler:
    """An AsyncIOScheduler whose default job store is a table in the app's own database."""
    store = SQLAlchemyJobStore(url=to_sync_url(database_url), tablename=settings.scheduler_table)
    return AsyncIOScheduler(
        jobstores={"default": store}, timezone=UTC,
        # A missed run is done once, late, within the grace time; never twice in a burst.
        job_defaults={"coalesce": True, "max_instances": 1,
                      "misfire_grace_time": settings.reminder_grace_seconds},
    )


def reminder_job_id(interview_id: int, before: timedelta) -> str:
    return f"interview:{interview_id}:{int(before.total_seconds())}"


@dataclass(frozen=True)
class JobContext:
    """What the stored jobs need from the running process."""

    uow_factory: UowFactory
    settings: CrmSettings
    describe: client_lifecycle.Describe


class CrmJobs:
    """Starts and stops with the bot's dispatcher; plans reminders as interviews are set."""

    running: ClassVar[JobContext | None] = None

    def __init__(
        self, scheduler: AsyncIOScheduler, uow_factory: UowFactory, settings: CrmSettings,
        reminder_offsets: tuple[timedelta, ...] | None = None,
    ) -> None:
        self.scheduler = scheduler
        self.uow_factory = uow_factory
        self.settings = settings
        self.offsets = reminder_offsets or tuple(
            timedelta(minutes=m) for m in settings.interview_reminder_minutes
        )

    def start(
        self, *, stale_check: bool = True, clients_nightly: bool | None = None,
        describe: client_lifecycle.Describe = client_lifecycle.plain_reason,
    ) -> None:
        """`clients_nightly` (default: as `stale_check`): the nightly client recompute."""
        CrmJobs.running = JobContext(self.uow_factory, self.settings, describe)
        self.scheduler.start()
        if stale_check if clients_nightly is None else clients_nightly:
            self.scheduler.add_job(
                clients_recompute_job, CronTrigger(hour=self.settings.clients_recompute_hour),
                id=CLIENTS_JOB_ID, replace_existing=True,
            )
        if stale_check:
            self.scheduler.add_job(
                stale_cards_job, IntervalTrigger(minutes=self.settings.stale_check_minutes),
                id=STALE_JOB_ID, replace_existing=True,
            )

    def shutdown(self) -> None:
        # wait=False: jobs that already started finish on their own; nothing new starts.
        self.scheduler.shutdown(wait=False)

    def plan(self, interview: InterviewRecord, now: datetime | None = None) -> int:
        """Adds (or replaces) one job per reminder offset still ahead; returns how many.
        An offset already behind loses its job: planned for a moved interview's old time, it
        would remind at the wrong moment."""
        now = now or datetime.now(UTC)
        planned = 0
        for before in self.offsets:
            run_at = interview.scheduled_at - before
            if run_at <= now:
                with suppress(JobLookupError):
                    self.scheduler.remove_job(reminder_job_id(interview.id, before))
                continue
            self.scheduler.add_job(
                interview_reminder_job, DateTrigger(run_date=run_at),
                args=[interview.id, int(before.total_seconds())],
                id=reminder_job_id(interview.id, before), replace_existing=True,
            )
            planned += 1
        return planned

    async def resync(self) -> int:
        """Re-plans every upcoming interview: covers a crash between an interview's commit
        and its jobs being stored. replace_existing keeps this idempotent."""
        return sum(self.plan(i) for i in await interviews.upcoming(self.uow_factory()))


def _context() -> JobContext:
    if CrmJobs.running is None:
        raise RuntimeError("CrmJobs.start() registers the UnitOfWork factory first")
    return CrmJobs.running


def _uow() -> UnitOfWork:
    return _context().uow_factory()


async def _outliving_outages(what: str, run: Callable[[], Awaitable[object]]) -> None:
    """A one-shot job must not be lost to a database blip: it retries with back-off (one
    ERROR, then quiet) for up to JOB_RETRY_SECONDS before giving up. Reminders are idempotent
    (one outbox row per interview and offset), so a retry never sends twice."""
    backoff = Backoff(what, log, base=JOB_RETRY_BASE_SECONDS)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + JOB_RETRY_SECONDS
    while True:
        try:
            await run()
        except Exception as exc:
            pause = backoff.failed(exc)
            if loop.time() + pause > deadline:
                log.error("%s: gave up after %d tries", what, backoff.failures)
                raise
            await asyncio.sleep(pause)
            continue
        backoff.succeeded()
        return


async def interview_reminder_job(interview_id: int, before_seconds: int) -> None:
    await _outliving_outages(
        f"reminder for interview {interview_id}",
        lambda: interviews.send_reminder(_uow(), interview_id, timedelta(seconds=before_seconds)),
    )


async def stale_cards_job() -> None:
    settings = _context().settings
    await _outliving_outages("stale cards check", lambda: pipeline.remind_stale(_uow(), settings))


async def clients_recompute_job() -> None:
    describe = _context().describe
    await _outliving_outages(
        "clients recompute", lambda: client_lifecycle.recompute(_uow(), describe=describe))
