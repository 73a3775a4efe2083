"""Card stage, owner and history reads/writes for the pipeline; stages, never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RequestCard, StageChange
from db.records.pipeline import PipelineCardRecord, StageChangeRecord
from db.records.users import UserRecord
from db.repositories.bench import overlaps
from db.repositories.card_rows import card_row
from db.repositories.feed import scope_conditions


def card_record(row: RequestCard) -> PipelineCardRecord:
    return card_row(PipelineCardRecord, row)


def change_record(row: StageChange) -> StageChangeRecord:
    return StageChangeRecord(
        id=row.id, request_id=row.request_id, user_id=row.user_id, from_stage=row.from_stage,
        to_stage=row.to_stage, reason=row.reason, created_at=row.created_at,
    )


class PipelineRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def card(self, card_id: int, *, lock: bool = False) -> PipelineCardRecord | None:
        query = sa.select(RequestCard).where(RequestCard.id == card_id)
        row = await self.session.scalar(query.with_for_update() if lock else query)
        return card_record(row) if row else None

    async def update(self, card_id: int, **values: Any) -> None:
        await self.session.execute(
            sa.update(RequestCard).where(RequestCard.id == card_id).values(**values)
        )

    async def add_change(
        self, card_id: int, user_id: int | None, from_stage: str | None, to_stage: str,
        reason: str | None, at: datetime,
    ) -> None:
        self.session.add(StageChange(
            request_id=card_id, user_id=user_id, from_stage=from_stage, to_stage=to_stage,
            reason=reason, created_at=at,
        ))

    async def changes(self, card_id: int) -> list[StageChangeRecord]:
        query = (
            sa.select(StageChange).where(StageChange.request_id == card_id)
            .order_by(StageChange.created_at, StageChange.id)
        )
        return [change_record(r) for r in await self.session.scalars(query)]

    async def cards(
        self, *, owner_id: int | None = None, team_id: int | None = None,
        stages: Sequence[str] = (), limit: int = 50, offset: int = 0,
    ) -> list[PipelineCardRecord]:
        """Requests by owner and/or team (neither: all), most recently moved first."""
        c = RequestCard
        query = sa.select(c).where(c.kind == "request")
        if owner_id is not None:
            query = query.where(c.owner_user_id == owner_id)
        if team_id is not None:
            query = query.where(c.team_id == team_id)
        if stages:
            query = query.where(c.stage.in_(stages))
        query = query.order_by(c.stage_changed_at.desc(), c.id.desc()).limit(limit).offset(offset)
        return [card_record(r) for r in await self.session.scalars(query)]

    async def stage_counts(
        self, *, owner_id: int | None = None, team_id: int | None = None
    ) -> dict[str, int]:
        c = RequestCard
        query = sa.select(c.stage, sa.func.count()).where(c.kind == "request")
        if owner_id is not None:
            query = query.where(c.owner_user_id == owner_id)
        if team_id is not None:
            query = query.where(c.team_id == team_id)
        rows = (await self.session.execute(query.group_by(c.stage))).all()
        return {stage: int(n) for stage, n in rows}

    async def stale(
        self, stages: Sequence[str], moved_before: datetime, limit: int
    ) -> list[PipelineCardRecord]:
        """Owned cards quiet since `moved_before` and not yet reminded in this quiet period.

        SKIP LOCKED lets two job runners split the work instead of reminding twice.
        """
        c = RequestCard
        query = (
            sa.select(c)
            .where(
                c.stage.in_(stages), c.owner_user_id.is_not(None),
                c.stage_changed_at < moved_before,
                sa.or_(c.reminded_at.is_(None), c.reminded_at < c.stage_changed_at),
            )
            .order_by(c.stage_changed_at, c.id).limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [card_record(r) for r in await self.session.scalars(query)]

    async def mark_reminded(self, card_ids: Sequence[int], at: datetime) -> None:
        if card_ids:
            await self.session.execute(
                sa.update(RequestCard).where(RequestCard.id.in_(card_ids)).values(reminded_at=at)
            )

    async def open_matching(
        self, stack: Sequence[str], stages: Sequence[str], viewer: UserRecord, limit: int
    ) -> list[PipelineCardRecord]:
        """Open requests the viewer may see that share a stack item, newest first."""
        c = RequestCard
        query = (
            sa.select(c)
            .where(
                c.kind == "request", c.stage.in_(stages),
                overlaps(c.stack, stack), *scope_conditions(viewer),
            )
            .order_by(c.first_seen_at.desc(), c.id.desc()).limit(limit)
        )
        return [card_record(r) for r in await self.session.scalars(query)]
