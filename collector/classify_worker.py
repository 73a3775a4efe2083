"""The durable hand-off: pending posts in PostgreSQL are the queue, Redis only wakes us."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from classifier.api import Classifier
from classifier.dedup import near_identical, same_request
from collector import metrics
from collector.verdicts import to_verdict
from crm import ingest
from db.backoff import Backoff
from db.liveness import WORKERS
from db.records.cards import IngestResult, PostVerdict
from db.records.posts import PendingPost
from db.signals import CARDS_CHANGED, POSTS_STORED, Waiter, wake
from db.uow import UnitOfWork
from identity.ner import Finder, no_ner

log = logging.getLogger(__name__)

CLASSIFY_BATCH = 32
# Sweep even without a wake-up: posts stored while Redis was down or before a crash.
SWEEP_SECONDS = 30.0
# Failed posts get another chance this often (crm.ingest caps how many in all).
RETRY_FAILED_SECONDS = 600.0
LIVENESS_NAME = "classify"
# Band-key candidates are confirmed on the texts by the detector bench/dedup.py measures.
# Near-identical copies join whatever their labels; other near copies only where the roles
# agree (crm.merge_policy).
MERGE_POLICY = ingest.MergePolicy(same_request=same_request, near_identical=near_identical)


async def _first_of(*waits: Any) -> None:
    tasks = [asyncio.ensure_future(w) for w in waits]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()


class ClassifyWorker:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], redis: Any,
        classifier: Classifier, *, batch_size: int = CLASSIFY_BATCH,
        sweep_seconds: float = SWEEP_SECONDS, retry_failed_seconds: float = RETRY_FAILED_SECONDS,
        ner: Finder | None = None,
    ) -> None:
        self.session_factory = session_factory
        self.redis = redis
        self.classifier = classifier
        self.batch_size = batch_size
        self.sweep_seconds = sweep_seconds
        # Company names the rules miss, for the cards' clients (the app passes the NER).
        self.ner = ner or no_ner
        self.retry_failed_seconds = retry_failed_seconds

    async def analyse(self, posts: Sequence[PendingPost]) -> list[PostVerdict]:
        try:
            predictions = await self.classifier.classify([p.text for p in posts])
            return [to_verdict(p, pr) for p, pr in zip(posts, predictions, strict=True)]
        except Exception as exc:
            if len(posts) == 1:
                log.exception("classifying post %s failed: marked failed", posts[0].id)
                error = f"classify: {type(exc).__name__}: {exc}"[:500]
                return [PostVerdict(posts[0].id, self.classifier.version, failed=True,
                                    error=error)]
        # One bad text must not fail its batch: retry one by one to find it.
        log.warning("classifying a batch of %d failed: retrying one by one", len(posts))
        return [v for p in posts for v in await self.analyse([p])]

    async def run_once(self) -> IngestResult:
        result = await ingest.classify_pending(
            UnitOfWork(self.session_factory), limit=self.batch_size, analyse=self.analyse,
            policy=MERGE_POLICY, ner=self.ner,
        )
        metrics.POSTS_CLASSIFIED.inc(result.classified)
        metrics.CLASSIFY_ERRORS.inc(result.failed)
        if result.cards_changed:
            metrics.CARDS_CHANGED.inc(result.cards_changed)
            await wake(self.redis, CARDS_CHANGED)
        return result

    async def drain(self) -> int:
        """Classify until nothing is pending; returns how many posts were claimed."""
        total = 0
        while (claimed := (await self.run_once()).claimed) > 0:
            total += claimed
        metrics.PENDING_POSTS.set(await ingest.pending_count(UnitOfWork(self.session_factory)))
        return total

    async def retry_failed(self) -> int:
        return await ingest.retry_failed(UnitOfWork(self.session_factory))

    async def run(self, stop: asyncio.Event) -> None:
        """Sweeps on every wake-up and on a timer until `stop`; outlives PostgreSQL and Redis
        outages (one ERROR, bounded back-off, a sweep once they are back)."""
        waiter = Waiter(self.redis, POSTS_STORED)
        backoff = Backoff("classify sweep", log)
        loop = asyncio.get_running_loop()
        retry_at = loop.time()
        WORKERS.register(LIVENESS_NAME, stale_after=self.sweep_seconds + 120,
                         task=asyncio.current_task())
        try:
            while not stop.is_set():
                pause = self.sweep_seconds
                try:
                    if loop.time() >= retry_at:
                        await self.retry_failed()
                        retry_at = loop.time() + self.retry_failed_seconds
                    await self.drain()
                    backoff.succeeded()
                except Exception as exc:  # posts stay pending; the next sweep finds them
                    pause = backoff.failed(exc)
                WORKERS.beat(LIVENESS_NAME)
                await _first_of(waiter.wait(pause), stop.wait())
        finally:
            WORKERS.forget(LIVENESS_NAME)
            await waiter.close()
