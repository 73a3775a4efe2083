"""SIGKILL the digest sweep mid-run, then run two sweeps at once: every manager still gets
exactly one digest for the week."""

from __future__ import annotations

import asyncio
import random
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from db.models import Notification, Team
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from tests.bot.factories import make_card, make_source

REPO = Path(__file__).resolve().parents[2]
MANAGERS = 16


async def _start(url: str, now: datetime) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.analytics.digest_process", url, now.isoformat(), cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
    )


async def _digests(uow: UnitOfWork) -> list[tuple[int, int]]:
    async with uow:
        query = (sa.select(Notification.user_id, sa.func.count())
                 .where(Notification.kind == "digest").group_by(Notification.user_id))
        return [(int(u), int(n)) for u, n in (await uow.session.execute(query)).all()]


async def _managers(uow: UnitOfWork) -> None:
    """Each in a team of their own: no two share a scope, so each digest is drawn anew."""
    async with uow:
        for n in range(MANAGERS):
            team = Team(name=f"team {n}")
            uow.session.add(team)
            await uow.session.flush()
            await uow.repo(UserRepo).add(tg_user_id=5000 + n, first_name=f"M{n}",
                                         username=None, language="ru" if n % 2 else "en",
                                         role="manager", team_id=team.id)
        await uow.commit()


@pytest.mark.slow
async def test_killed_sweeps_leave_exactly_one_digest_per_manager(
    database_url: str, session_factory: Any, uow: UnitOfWork,
) -> None:
    await _managers(uow)
    source = await make_source(session_factory)
    for n in range(20):
        await make_card(session_factory, source, title=f"Go {n}", stack=["Go"],
                        age=timedelta(hours=5 * n))
    now = datetime.now(UTC) + timedelta(days=7)  # a week later, so this week's send time passed
    rng = random.Random(14)
    progress = []
    for _ in range(2):
        process = await _start(database_url, now)
        assert process.stdout is not None
        assert (await asyncio.wait_for(process.stdout.readline(), 60)).strip() == b"ready"
        await asyncio.sleep(rng.uniform(1.5, 3.0))
        if process.returncode is None:
            process.send_signal(signal.SIGKILL)
        await process.wait()
        progress.append(len(await _digests(uow)))
    assert progress[0] < MANAGERS, f"killed too late to matter: {progress}"
    both = [await _start(database_url, now) for _ in range(2)]
    await asyncio.wait_for(asyncio.gather(*(p.communicate() for p in both)), 240)
    assert all(p.returncode == 0 for p in both)
    counts = await _digests(uow)
    assert len(counts) == MANAGERS and all(n == 1 for _, n in counts), (progress, counts)
