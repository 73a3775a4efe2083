from __future__ import annotations

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import SavedSearch, TaxonomyAlias, User
from db.records.feed import FeedFilters
from db.records.searches import SavedSearchRecord
from db.records.users import UserRecord
from db.repositories.users import to_record as user_record


def to_record(row: SavedSearch) -> SavedSearchRecord:
    return SavedSearchRecord(
        id=row.id, user_id=row.user_id, name=row.name, filters=FeedFilters.from_dict(row.filters),
        phrase=row.phrase, paused=row.paused, created_at=row.created_at,
        offer_outreach=row.offer_outreach,
    )


class SearchRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self, user_id: int, name: str, filters: FeedFilters, phrase: str | None
    ) -> SavedSearchRecord:
        row = SavedSearch(user_id=user_id, name=name, filters=filters.to_dict(), phrase=phrase)
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)
        return to_record(row)

    async def get(self, search_id: int) -> SavedSearchRecord | None:
        row = await self.session.get(SavedSearch, search_id)
        return to_record(row) if row else None

    async def names(self, search_ids: Collection[int]) -> dict[int, tuple[str, bool]]:
        """(name, whether its pushes offer "Reach out") per search."""
        if not search_ids:
            return {}
        rows = await self.session.execute(
            sa.select(SavedSearch.id, SavedSearch.name, SavedSearch.offer_outreach)
            .where(SavedSearch.id.in_(list(search_ids))))
        return {search_id: (name, offers) for search_id, name, offers in rows.all()}

    async def of_user(self, user_id: int) -> list[SavedSearchRecord]:
        query = (
            sa.select(SavedSearch).where(SavedSearch.user_id == user_id)
            .order_by(SavedSearch.id)
        )
        return [to_record(r) for r in await self.session.scalars(query)]

    async def update(self, search_id: int, **values: Any) -> None:
        await self.session.execute(
            sa.update(SavedSearch).where(SavedSearch.id == search_id).values(**values)
        )

    async def delete(self, search_id: int) -> None:
        await self.session.execute(sa.delete(SavedSearch).where(SavedSearch.id == search_id))

    async def active_with_owners(self) -> list[tuple[SavedSearchRecord, UserRecord]]:
        query = (
            sa.select(SavedSearch, User).join(User, User.id == SavedSearch.user_id)
            .where(*self._active).order_by(SavedSearch.id)
        )
        rows = (await self.session.execute(query)).all()
        return [(to_record(s), user_record(u)) for s, u in rows]

    async def active_ids(self) -> list[int]:
        """What active_with_owners would return, as ids only: cheap enough for every pass."""
        query = (
            sa.select(SavedSearch.id).join(User, User.id == SavedSearch.user_id)
            .where(*self._active).order_by(SavedSearch.id)
        )
        return list((await self.session.scalars(query)).all())

    @property
    def _active(self) -> tuple[sa.ColumnElement[bool], ...]:
        return SavedSearch.paused.is_(False), User.active.is_(True)

    async def stack_aliases(self) -> dict[str, str]:
        rows = await self.session.execute(sa.select(TaxonomyAlias.alias, TaxonomyAlias.canonical))
        return {alias: canonical for alias, canonical in rows.all()}
