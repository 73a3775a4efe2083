"""Bench developers whose entry may be out of date, for the freshness reminder."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BenchDeveloper
from db.records.bench import BenchRecord
from db.repositories.bench import to_record


class BenchFreshnessRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def stale(self, available_before: date, updated_before: datetime, limit: int
                    ) -> list[BenchRecord]:
        """Active developers free since before `available_before` or not updated since
        `updated_before`, not reminded since their last update; locked, SKIP LOCKED."""
        b = BenchDeveloper
        query = (
            sa.select(b).where(
                b.active.is_(True),
                sa.or_(b.available_from < available_before, b.updated_at < updated_before),
                sa.or_(b.freshness_reminded_at.is_(None), b.freshness_reminded_at < b.updated_at),
            ).order_by(b.id).limit(limit).with_for_update(skip_locked=True)
        )
        return [to_record(r) for r in await self.session.scalars(query)]

    async def mark_reminded(self, developer_ids: Sequence[int], at: datetime) -> None:
        # Not BenchRepo.update: a reminder is not an update of the entry.
        if developer_ids:
            await self.session.execute(
                sa.update(BenchDeveloper).where(BenchDeveloper.id.in_(developer_ids))
                .values(freshness_reminded_at=at)
            )
