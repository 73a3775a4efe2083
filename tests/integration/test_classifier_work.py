"""`radar classifier work --once`: processes with no Telegram session drain one queue between
them, each post classified once (SKIP LOCKED claims), then exit."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from crm import posts, sources
from db.models import Classification, Post, RequestCard
from db.records.posts import PostDraft
from db.uow import UnitOfWork
from tests.support.settings import TestServices

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
GRADES = ("Junior", "Middle", "Senior", "Lead")
STACKS = ("Python", "Go", "React", "Java", "Kotlin")


def _request(n: int) -> str:
    return (f"Ищем {GRADES[n % 4]} {STACKS[n % 5]} разработчика #{n}\n"
            f"Проект на {n % 9 + 3} мес, удаленно, ставка до {2000 + 50 * n} ₽/ч.")


async def _worker(database_url: str, redis_url: str) -> tuple[int, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
           "CLASSIFIER_THREADS": "1", "HEALTH_PORT": "0"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "scripts.radar", "classifier", "work", "--once", "--batch", "3",
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=240)
    assert process.returncode == 0, err.decode()
    return process.returncode, out.decode()


class TestClassifierWork:
    async def test_two_processes_drain_the_queue_once_each_post(
        self, uow: UnitOfWork, database_url: str, services: TestServices, redis: Any,
    ) -> None:
        source = await sources.add(uow, "-1001234567890")
        drafts = [PostDraft(message_id=n + 1, posted_at=T0 + timedelta(minutes=n),
                            text=_request(n)) for n in range(40)]
        await posts.store(uow, source.id, drafts)
        results = await asyncio.gather(*(_worker(database_url, services.redis_url)
                                         for _ in range(2)))
        claimed = [int(out.split()[1]) for _, out in results]
        assert sum(claimed) == 40, results  # a post claimed twice would count twice
        async with uow:
            states = set(await uow.session.scalars(sa.select(Post.classify_state)))
            per_post = (await uow.session.execute(
                sa.select(Classification.post_id, sa.func.count())
                .group_by(Classification.post_id))).all()
            cards = await uow.session.scalar(sa.select(sa.func.count(RequestCard.id)))
        assert states == {"done"}
        assert len(per_post) == 40 and {count for _, count in per_post} == {1}
        assert cards == 40

    async def test_a_running_worker_stops_on_sigterm(
        self, database_url: str, services: TestServices, session_factory: Any,
    ) -> None:
        env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": services.redis_url,
               "CLASSIFIER_THREADS": "1", "HEALTH_PORT": "0", "LOG_LEVEL": "INFO"}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "scripts.radar", "classifier", "work", cwd=ROOT, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        assert process.stderr is not None
        try:
            while b"classify worker up" not in (line := await asyncio.wait_for(
                    process.stderr.readline(), timeout=240)):
                assert line, "the worker exited before it was up"
            process.terminate()
            await asyncio.wait_for(process.wait(), timeout=30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        assert process.returncode == 0
