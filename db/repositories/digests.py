"""Weekly digests: who gets one, which weeks are already queued, and their chart images."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ChartImage, Notification, User
from db.records.users import UserRecord
from db.repositories.users import to_record

DIGEST_KEY = "digest:{user_id}:{week}"


def digest_key(user_id: int, week: str) -> str:
    return DIGEST_KEY.format(user_id=user_id, week=week)


class DigestRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def subscribers(self) -> list[UserRecord]:
        query = sa.select(User).where(User.active.is_(True), User.digest_enabled.is_(True))
        return [to_record(r) for r in await self.session.scalars(query.order_by(User.id))]

    async def queued_keys(self, keys: Sequence[str]) -> set[str]:
        """Which of these digest keys already have an outbox row (any channel, any status)."""
        if not keys:
            return set()
        query = sa.select(Notification.dedup_key).where(Notification.dedup_key.in_(keys))
        return set(await self.session.scalars(query))

    async def add_images(self, images: dict[str, bytes]) -> None:
        if images:
            await self.session.execute(
                insert(ChartImage).values([{"sha256": k, "png": v} for k, v in images.items()])
                .on_conflict_do_nothing()
            )

    async def images(self, hashes: Sequence[str]) -> list[bytes]:
        """The PNGs in the order asked for (a missing one is skipped)."""
        rows = dict((await self.session.execute(
            sa.select(ChartImage.sha256, ChartImage.png).where(ChartImage.sha256.in_(hashes))
        )).all())
        return [rows[h] for h in hashes if h in rows]

    async def prune_images(self, before: datetime) -> int:
        """Images older than `before`: their digests have long gone out (or died)."""
        query = (
            sa.delete(ChartImage).where(ChartImage.created_at < before)
            .returning(ChartImage.sha256)
        )
        return len((await self.session.execute(query)).all())
