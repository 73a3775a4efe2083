"""The digest sweep on APScheduler: every few minutes, queue the digests that came due.

An in-memory job store is enough: the sweep is periodic and what was queued is in the
database, so a restart (or a second bot process) loses nothing and duplicates nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.digests import DigestBuilder
from bot.i18n import Translator
from bot.settings import DigestSettings
from db.signals import OUTBOX_CHANGED, wake
from db.uow import UnitOfWork

JOB_ID = "digest:sweep"
log = logging.getLogger(__name__)


class DigestJobs:
    def __init__(self, settings: DigestSettings, uow_factory: Callable[[], UnitOfWork],
                 redis: object = None) -> None:
        self.settings, self.uow_factory, self.redis = settings, uow_factory, redis
        self.scheduler = AsyncIOScheduler(job_defaults={"coalesce": True, "max_instances": 1})
        self.builder: DigestBuilder | None = None

    def start(self, translator: Translator) -> None:
        if not self.settings.enabled:
            return
        self.builder = DigestBuilder(self.uow_factory, translator, self.settings)
        self.scheduler.add_job(self.sweep, IntervalTrigger(minutes=self.settings.check_minutes),
                               id=JOB_ID, replace_existing=True)
        self.scheduler.start()

    async def sweep(self) -> None:
        assert self.builder is not None
        result = await self.builder.run()
        if result.queued:
            log.info("weekly digests queued: %d (of %d due)", result.queued, result.due)
            await wake(self.redis, OUTBOX_CHANGED)

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
