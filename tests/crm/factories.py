"""Rows the CRM tests start from, written straight through the session (setup, not use cases)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Post, RequestCard, RequestSource, Source, Team
from db.records.users import UserRecord
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

Factory = async_sessionmaker[AsyncSession]


async def team(session_factory: Factory, name: str) -> int:
    async with session_factory() as session:
        row = Team(name=name)
        session.add(row)
        await session.commit()
        return row.id


async def user(
    uow: UnitOfWork, tg_user_id: int, role: str = "manager", team_id: int | None = None,
    timezone: str = "Europe/Moscow",
) -> UserRecord:
    async with uow:
        repo = uow.repo(UserRepo)
        added = await repo.add(
            tg_user_id=tg_user_id, first_name=f"u{tg_user_id}", username=None, language="en",
            role=role, team_id=team_id,
        )
        await repo.update(added.id, timezone=timezone)
        await uow.commit()
    async with uow:
        found = await uow.repo(UserRepo).get(added.id)
    assert found is not None
    return found


async def card(session_factory: Factory, **values: Any) -> int:
    now = datetime.now(UTC)
    defaults: dict[str, Any] = {
        "kind": "request", "title": "Python developer", "text": "", "roles": ["backend"],
        "stack": ["Python", "Django", "PostgreSQL"], "grades": ["senior"],
        "formats": ["remote"], "rate_rub_hour_min": Decimal(2000),
        "rate_rub_hour_max": Decimal(3000), "first_seen_at": now, "last_seen_at": now,
    }
    async with session_factory() as session:
        row = RequestCard(**{**defaults, **values})
        session.add(row)
        await session.commit()
        return row.id


async def post_for(
    session_factory: Factory, card_id: int, text: str, author_name: str | None = None,
    message_id: int = 1, author_id: int | None = None,
) -> int:
    """A source, a post and the link that says the card was seen in it."""
    now = datetime.now(UTC)
    async with session_factory() as session:
        source = Source(ref=f"@jobs{message_id}", username=f"jobs{message_id}", title="Jobs")
        session.add(source)
        await session.flush()
        post = Post(source_id=source.id, message_id=message_id, text=text,
                    author_name=author_name, author_id=author_id, posted_at=now)
        session.add(post)
        await session.flush()
        session.add(RequestSource(request_id=card_id, post_id=post.id, source_id=source.id,
                                  posted_at=now))
        await session.commit()
        return post.id
