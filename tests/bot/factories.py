"""Rows the bot reads, inserted directly (the collector and classifier are not under test here)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Post, RequestCard, RequestSource, Source

_message_ids = itertools.count(1)


async def make_source(
    session_factory: async_sessionmaker[AsyncSession], title: str = "IT Jobs",
    username: str = "itjobs",
) -> int:
    async with session_factory() as session:
        source = Source(ref=f"@{username}", username=username, title=title)
        session.add(source)
        await session.commit()
        return source.id


async def make_card(
    session_factory: async_sessionmaker[AsyncSession], source_id: int, *,
    title: str = "Нужен Python разработчик", text: str = "Ищем middle Python, удалёнка",
    age: timedelta = timedelta(hours=1), team_id: int | None = None, **labels: Any,
) -> int:
    seen = datetime.now(UTC) - age
    values: dict[str, Any] = {
        "roles": ["backend"], "stack": ["Python"], "grades": ["middle"], "formats": ["remote"],
        "rate_min": Decimal(1500), "rate_max": Decimal(2000), "rate_currency": "RUB",
        "rate_period": "hour", "rate_rub_hour_min": Decimal(1500),
        "rate_rub_hour_max": Decimal(2000), **labels,
    }
    async with session_factory() as session:
        message_id = next(_message_ids)
        post = Post(
            source_id=source_id, message_id=message_id, text=text, posted_at=seen,
            permalink=f"https://t.me/itjobs/{message_id}", classify_state="done",
        )
        session.add(post)
        await session.flush()
        card = RequestCard(
            title=title, text=text, first_seen_at=seen, last_seen_at=seen, team_id=team_id,
            **values,
        )
        session.add(card)
        await session.flush()
        session.add(RequestSource(
            request_id=card.id, post_id=post.id, source_id=source_id, posted_at=seen
        ))
        await session.commit()
        return card.id
