"""Team names for screens that show whose a card is."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Team


class TeamRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def name(self, team_id: int) -> str | None:
        return await self.session.scalar(sa.select(Team.name).where(Team.id == team_id))
