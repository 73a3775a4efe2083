"""Active bench developers by stack, grade, rate and availability (the Mini App's bench)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BenchDeveloper
from db.records.bench import BenchRecord
from db.repositories.bench import overlaps, to_record


class BenchFilterRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def filtered(
        self, *, stack: Sequence[str] = (), grade: str | None = None,
        rate_max: Decimal | None = None, available_by: date | None = None, limit: int = 20,
    ) -> list[BenchRecord]:
        """Soonest available first; a developer with no rate or date passes those filters."""
        b = BenchDeveloper
        query = sa.select(b).where(b.active.is_(True))
        if stack:
            query = query.where(overlaps(b.stack, stack))
        if grade:
            query = query.where(b.grade == grade)
        if rate_max is not None:
            query = query.where(sa.or_(b.rate_rub_hour.is_(None), b.rate_rub_hour <= rate_max))
        if available_by is not None:
            query = query.where(
                sa.or_(b.available_from.is_(None), b.available_from <= available_by)
            )
        query = query.order_by(b.available_from.asc().nulls_first(), b.id).limit(limit)
        return [to_record(r) for r in await self.session.scalars(query)]
