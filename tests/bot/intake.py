"""The storing and card-making path as the collector and classify worker run it, with a fixed
verdict instead of the model (the bot's tests are about what happens after a card exists)."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import ingest, posts, sources
from db.records.cards import ItemVerdict, PostVerdict
from db.records.posts import PendingPost, PostDraft
from db.signals import CARDS_CHANGED, wake
from db.uow import UnitOfWork

_message_ids = itertools.count(100)
REACT_LABELS: dict[str, Any] = {
    "roles": ["frontend"], "stack": ["React"], "grades": ["senior"], "format": ["remote"],
    "rate": {"min": 2000, "max": 2500, "currency": "RUB", "period": "hour"},
}


async def add_source(session_factory: async_sessionmaker[AsyncSession], ref: str) -> int:
    return (await sources.add(UnitOfWork(session_factory), ref)).id


async def publish_request(
    session_factory: async_sessionmaker[AsyncSession], redis: Any, source_id: int, text: str,
    labels: dict[str, Any] | None = None, *, message_id: int | None = None,
    edited_at: datetime | None = None,
    rub_per_hour: tuple[float | None, float | None] = (2000.0, 2500.0),
) -> None:
    """Store a post, classify it into a card (one transaction each), then wake the matcher.
    An existing `message_id` with a later `edited_at` is an edit (the card is re-labelled)."""
    chosen = labels or REACT_LABELS
    draft = PostDraft(
        message_id=message_id or next(_message_ids), posted_at=datetime.now(UTC), text=text,
        permalink="https://t.me/itjobs/1", edited_at=edited_at,
    )
    await posts.store(UnitOfWork(session_factory), source_id, [draft])

    async def analyse(pending: Sequence[PendingPost]) -> list[PostVerdict]:
        return [
            PostVerdict(p.id, "fake-1", items=(ItemVerdict(
                0, "request", chosen, {"kind": 0.99}, p.text,
                fingerprint=hashlib.sha1(p.text.encode()).hexdigest(),
                rate_rub_hour_min=rub_per_hour[0], rate_rub_hour_max=rub_per_hour[1],
            ),))
            for p in pending
        ]

    await ingest.classify_pending(UnitOfWork(session_factory), limit=10, analyse=analyse)
    await wake(redis, CARDS_CHANGED)
