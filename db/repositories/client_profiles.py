"""Reads of the client list and the client card; the manager's edits of a client."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Client, ClientState, RequestCard, Task, User
from db.models.enums import OPEN_STAGES
from db.records.client_profiles import (
    ClientProfileRecord,
    ClientRowRecord,
    ClientStateRecord,
)
from db.records.clients import ClientRequestRecord
from db.repositories.clients import ClientRepo

HISTORY_SHOWN = 10
OPEN_SHOWN = 10


class ClientProfileRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _visible(self, team_id: int | None, everyone: bool) -> sa.ColumnElement[bool]:
        alive = Client.merged_into_id.is_(None)
        if everyone:
            return alive
        return sa.and_(alive, sa.or_(Client.team_id.is_(None), Client.team_id == team_id))

    async def page(
        self, *, team_id: int | None, everyone: bool, segment: str | None, lifecycle: str | None,
        offset: int, limit: int,
    ) -> tuple[list[ClientRowRecord], int]:
        where = [self._visible(team_id, everyone)]
        if segment:
            where.append(Client.segment == segment)
        if lifecycle:
            where.append(Client.lifecycle == lifecycle)
        total = await self.session.scalar(sa.select(sa.func.count()).where(*where)
                                          .select_from(Client)) or 0
        count = (sa.select(sa.func.count()).where(RequestCard.client_id == Client.id)
                 .scalar_subquery())
        query = (sa.select(Client.id, Client.name, Client.lifecycle, Client.segment,
                           Client.at_risk, count).where(*where)
                 .order_by(Client.at_risk.desc(), count.desc(), Client.id)
                 .offset(offset).limit(limit))
        rows = [ClientRowRecord(*r) for r in (await self.session.execute(query)).all()]
        return rows, total

    async def profile(self, client_id: int) -> ClientProfileRecord | None:
        row = await self.session.get(Client, client_id)
        if row is None:
            return None
        owner = await self.session.get(User, row.owner_user_id) if row.owner_user_id else None
        c = RequestCard
        open_query = (sa.select(c.id, c.title, c.stage, c.lost_reason, c.first_seen_at)
                      .where(c.client_id == client_id, c.stage.in_(OPEN_STAGES))
                      .order_by(c.first_seen_at.desc()).limit(OPEN_SHOWN))
        # The nightly stats carry the count; a client not recomputed yet is counted here.
        total = (row.stats or {}).get("requests")
        if total is None:
            total = await self.session.scalar(
                sa.select(sa.func.count()).select_from(c).where(c.client_id == client_id)) or 0
        states = await self.session.scalars(
            sa.select(ClientState).where(ClientState.client_id == client_id)
            .order_by(ClientState.computed_at.desc(), ClientState.id.desc()).limit(HISTORY_SHOWN))
        tasks = await self.session.scalars(
            sa.select(Task.title).where(Task.client_id == client_id, Task.done_at.is_(None))
            .order_by(Task.id))
        return ClientProfileRecord(
            id=row.id, name=row.name, owner_user_id=row.owner_user_id,
            owner_name=owner.first_name if owner else None, lifecycle=row.lifecycle,
            segment=row.segment, at_risk=row.at_risk, churn_risk=row.churn_risk,
            stats=dict(row.stats or {}),
            contacts=tuple(await ClientRepo(self.session).contacts(client_id)),
            open_requests=tuple(ClientRequestRecord(*r)
                                for r in (await self.session.execute(open_query)).all()),
            requests_total=int(total),
            history=tuple(ClientStateRecord(s.lifecycle, s.segment, s.at_risk, s.churn_risk,
                                            s.reason, s.computed_at) for s in states),
            open_tasks=tuple(tasks),
        )

    async def labelled_requests(self, client_id: int, limit: int = 60) -> list[dict[str, object]]:
        """The client's latest requests with their label columns (the recommender's input)."""
        c = RequestCard
        query = (sa.select(c.first_seen_at, c.roles, c.stack, c.grades, c.formats, c.employment)
                 .where(c.client_id == client_id, c.kind == "request")
                 .order_by(c.first_seen_at.desc()).limit(limit))
        return [dict(r._mapping) for r in (await self.session.execute(query)).all()]

    async def update(self, client_id: int, **values: object) -> None:
        query = sa.update(Client).where(Client.id == client_id).values(**values)
        await self.session.execute(query)
