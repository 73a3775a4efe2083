from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Invite, Team
from db.records.invites import InviteRecord


def to_record(row: Invite) -> InviteRecord:
    return InviteRecord(
        code=row.code, role=row.role, team_id=row.team_id, created_by=row.created_by,
        expires_at=row.expires_at, used_by=row.used_by,
    )


class InviteRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self, code: str, role: str, team_id: int | None, created_by: int, expires_at: datetime
    ) -> InviteRecord:
        row = Invite(
            code=code, role=role, team_id=team_id, created_by=created_by, expires_at=expires_at
        )
        self.session.add(row)
        await self.session.flush()
        return to_record(row)

    async def get_for_use(self, code: str) -> InviteRecord | None:
        """Locks the invite so two people racing with one code cannot both use it."""
        query = sa.select(Invite).where(Invite.code == code).with_for_update()
        row = await self.session.scalar(query)
        return to_record(row) if row else None

    async def mark_used(self, code: str, user_id: int, at: datetime) -> None:
        await self.session.execute(
            sa.update(Invite).where(Invite.code == code).values(used_by=user_id, used_at=at)
        )

    async def default_team(self, name: str) -> int:
        team_id = await self.session.scalar(sa.select(Team.id).where(Team.name == name))
        if team_id is None:
            team = Team(name=name)
            self.session.add(team)
            await self.session.flush()
            team_id = team.id
        return int(team_id)
