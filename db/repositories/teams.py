"""Teams: names, member counts, who leads them, and handing cards over; stages, never commits."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RequestCard, Team, User
from db.records.teams import TeamRecord


class TeamRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, team_id: int) -> TeamRecord | None:
        row = await self.session.get(Team, team_id)
        return TeamRecord(row.id, row.name) if row else None

    async def by_name(self, name: str) -> TeamRecord | None:
        row = await self.session.scalar(sa.select(Team).where(Team.name == name))
        return TeamRecord(row.id, row.name) if row else None

    async def add(self, name: str) -> TeamRecord:
        row = Team(name=name)
        self.session.add(row)
        await self.session.flush()
        return TeamRecord(row.id, row.name)

    async def rename(self, team_id: int, name: str) -> None:
        await self.session.execute(sa.update(Team).where(Team.id == team_id).values(name=name))

    async def all(self) -> list[TeamRecord]:
        members = (
            sa.select(sa.func.count()).where(User.team_id == Team.id, User.active)
            .correlate(Team).scalar_subquery()
        )
        query = sa.select(Team.id, Team.name, members).order_by(Team.name)
        rows = await self.session.execute(query)
        return [TeamRecord(i, n, int(m)) for i, n, m in rows.all()]

    async def names(self, team_ids: Sequence[int]) -> dict[int, str]:
        if not team_ids:
            return {}
        rows = await self.session.execute(
            sa.select(Team.id, Team.name).where(Team.id.in_(team_ids)))
        return {i: n for i, n in rows.all()}

    async def lead_of(self, team_id: int, *, besides: int) -> int | None:
        """The team's first active lead other than `besides` (the oldest account wins)."""
        return await self.session.scalar(
            sa.select(User.id).where(User.team_id == team_id, User.role == "lead", User.active,
                                     User.id != besides).order_by(User.id).limit(1)
        )

    async def hand_over(self, from_user: int, to_user: int | None, stages: Sequence[str]) -> int:
        """Gives `from_user`'s cards in `stages` to `to_user`; how many moved."""
        result = await self.session.execute(
            sa.update(RequestCard)
            .where(RequestCard.owner_user_id == from_user, RequestCard.stage.in_(stages))
            .values(owner_user_id=to_user)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
    async def name(self, team_id: int) -> str | None:
        return await self.session.scalar(sa.select(Team.name).where(Team.id == team_id))
