"""Bench developers: adding, editing, listing; the alias table that canonicalises stacks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BenchDeveloper, TaxonomyAlias
from db.records.bench import BenchDraft, BenchRecord

TextArray = ARRAY(sa.String(64))


def overlaps(column: Any, values: Sequence[str]) -> sa.ColumnElement[bool]:
    """`column && values`: the models declare generic ARRAY, which lacks .overlap()."""
    return sa.type_coerce(column, TextArray).overlap(sa.cast(list(values), TextArray))
_LISTS = ("roles", "stack", "formats")


def to_record(row: BenchDeveloper) -> BenchRecord:
    return BenchRecord(
        id=row.id, name=row.name, roles=tuple(row.roles), stack=tuple(row.stack),
        grade=row.grade, rate_min=row.rate_min, rate_max=row.rate_max,
        rate_currency=row.rate_currency, rate_period=row.rate_period,
        rate_rub_hour=row.rate_rub_hour, available_from=row.available_from,
        english_level=row.english_level, location=row.location, formats=tuple(row.formats),
        cv_url=row.cv_url, cv_file_id=row.cv_file_id, source_post_id=row.source_post_id,
        owner_user_id=row.owner_user_id, team_id=row.team_id, active=row.active,
        created_at=row.created_at, busy=row.busy, updated_at=row.updated_at,
    )


def _columns(draft: BenchDraft) -> dict[str, Any]:
    values = asdict(draft)
    for name in _LISTS:
        values[name] = list(values[name])
    return values


class BenchRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_many(
        self, drafts: Sequence[BenchDraft], owner_user_id: int | None, team_id: int | None
    ) -> list[BenchRecord]:
        rows = [
            BenchDeveloper(**_columns(d), owner_user_id=owner_user_id, team_id=team_id)
            for d in drafts
        ]
        self.session.add_all(rows)
        await self.session.flush()
        for row in rows:
            await self.session.refresh(row)
        return [to_record(r) for r in rows]

    async def get(self, developer_id: int, *, lock: bool = False) -> BenchRecord | None:
        query = sa.select(BenchDeveloper).where(BenchDeveloper.id == developer_id)
        row = await self.session.scalar(query.with_for_update() if lock else query)
        return to_record(row) if row else None

    async def by_source_post(self, post_id: int) -> BenchRecord | None:
        query = sa.select(BenchDeveloper).where(BenchDeveloper.source_post_id == post_id)
        row = await self.session.scalar(query.limit(1))
        return to_record(row) if row else None

    async def replace(self, developer_id: int, draft: BenchDraft) -> None:
        await self.update(developer_id, **_columns(draft))

    async def update(self, developer_id: int, **values: Any) -> None:
        # Any change counts as the bench being kept up to date (bench freshness reads it).
        values.setdefault("updated_at", sa.func.now())
        await self.session.execute(
            sa.update(BenchDeveloper).where(BenchDeveloper.id == developer_id).values(**values)
        )

    async def page(self, offset: int, limit: int, *, active: bool = True) -> list[BenchRecord]:
        query = (
            sa.select(BenchDeveloper).where(BenchDeveloper.active.is_(active))
            .order_by(BenchDeveloper.available_from.asc().nulls_first(), BenchDeveloper.id)
            .offset(offset).limit(limit)
        )
        return [to_record(r) for r in await self.session.scalars(query)]

    async def count(self, *, active: bool = True) -> int:
        query = sa.select(sa.func.count()).where(BenchDeveloper.active.is_(active))
        return int(await self.session.scalar(query) or 0)

    async def canonical_names(self, items: Sequence[str]) -> dict[str, str]:
        """Lower-cased alias → canonical spelling, from the aliases managers taught."""
        lowered = sorted({i.casefold() for i in items})
        if not lowered:
            return {}
        query = sa.select(TaxonomyAlias.alias, TaxonomyAlias.canonical).where(
            sa.func.lower(TaxonomyAlias.alias).in_(lowered)
        )
        return {a.casefold(): c for a, c in (await self.session.execute(query)).all()}
