from __future__ import annotations

from collections.abc import Collection

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import User
from db.records.users import UserRecord


def to_record(row: User) -> UserRecord:
    return UserRecord(
        id=row.id,
        tg_user_id=row.tg_user_id,
        first_name=row.first_name,
        username=row.username,
        language=row.language,
        role=row.role,
        team_id=row.team_id,
        active=row.active,
        email=row.email,
        email_enabled=row.email_enabled,
        timezone=row.timezone,
        scope_source_ids=tuple(row.scope_source_ids) if row.scope_source_ids is not None else None,
        scope_roles=tuple(row.scope_roles) if row.scope_roles is not None else None,
        pushes_paused_at=row.pushes_paused_at,
        digest_enabled=row.digest_enabled,
    )


class UserRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_tg_id(self, tg_user_id: int) -> UserRecord | None:
        row = await self.session.scalar(sa.select(User).where(User.tg_user_id == tg_user_id))
        return to_record(row) if row else None

    async def get(self, user_id: int) -> UserRecord | None:
        row = await self.session.get(User, user_id)
        return to_record(row) if row else None

    async def many(self, user_ids: Collection[int]) -> dict[int, UserRecord]:
        if not user_ids:
            return {}
        rows = await self.session.scalars(sa.select(User).where(User.id.in_(list(user_ids))))
        return {row.id: to_record(row) for row in rows}

    async def add(
        self,
        *,
        tg_user_id: int,
        first_name: str,
        username: str | None,
        language: str,
        role: str,
        team_id: int | None = None,
    ) -> UserRecord:
        row = User(
            tg_user_id=tg_user_id,
            first_name=first_name,
            username=username,
            language=language,
            role=role,
            team_id=team_id,
        )
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)
        return to_record(row)

    async def update(self, user_id: int, **values: object) -> None:
        await self.session.execute(sa.update(User).where(User.id == user_id).values(**values))

    async def all(self) -> list[UserRecord]:
        query = sa.select(User).order_by(User.id)
        return [to_record(r) for r in await self.session.scalars(query)]
