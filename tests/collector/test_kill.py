"""SIGKILL the collector at random moments while it reads 9,630 real posts; nothing is lost or
stored twice, and every cursor ends at its chat's last message."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from db.models import Post, Source
from db.uow import UnitOfWork

DATA = Path(__file__).resolve().parents[2].parent / "shared/data"
RECORDS = DATA / "tg_jobs_wudmc/records.jsonl"
REPO = Path(__file__).resolve().parents[2]
KILLS = 10
# Small batches mean many commits, so kills land between and inside transactions.
BATCH = 20


def _expected() -> dict[int, set[int]]:
    by_chat: dict[int, set[int]] = {}
    with RECORDS.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            by_chat.setdefault(int(row["chat_id"]), set()).add(int(row["id"]))
    return by_chat


async def _start(url: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "collector.dataset_replay", str(RECORDS), "--database-url", url,
        "--batch", str(BATCH), cwd=REPO, stdout=asyncio.subprocess.PIPE,
    )


async def _stored(uow: UnitOfWork) -> int:
    async with uow:
        return int(await uow.session.scalar(sa.select(sa.func.count()).select_from(Post)) or 0)


@pytest.mark.slow
@pytest.mark.skipif(not RECORDS.exists(), reason=f"replay data set not found at {RECORDS}")
async def test_sigkill_at_random_moments_loses_nothing_and_duplicates_nothing(
    database_url: str, session_factory: Any, uow: UnitOfWork,
) -> None:
    rng = random.Random(20240607)
    expected = _expected()
    progress = []
    for _ in range(KILLS):
        process = await _start(database_url)
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 60)
        assert line.strip() == b"ready", line
        await asyncio.sleep(rng.uniform(0.05, 0.6))
        if process.returncode is None:
            process.send_signal(signal.SIGKILL)
        await process.wait()
        progress.append(await _stored(uow))
    logging.getLogger(__name__).info("posts stored after each kill: %s", progress)
    assert progress[0] < sum(len(ids) for ids in expected.values()), "killed too late to matter"
    assert progress == sorted(progress)
    process = await _start(database_url)
    await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0

    async with uow:
        pairs = (await uow.session.execute(
            sa.select(Source.tg_id, Post.message_id).join(Source, Source.id == Post.source_id)
        )).all()
        query = sa.select(Source.tg_id, Source.read_cursor)
        cursors = {chat: cursor for chat, cursor in (await uow.session.execute(query)).all()}
    assert len(pairs) == len(set(pairs)) == sum(len(ids) for ids in expected.values())
    stored: dict[int, set[int]] = {}
    for chat_id, message_id in pairs:
        stored.setdefault(chat_id, set()).add(message_id)
    assert stored == expected
    assert cursors == {chat: max(ids) for chat, ids in expected.items()}
