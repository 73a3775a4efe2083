"""Interviews in a time window with what a calendar shows of them; reads only."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BenchDeveloper, Interview, RequestCard, Submission
from db.records.interview_week import InterviewSlotRecord
from db.repositories.interviews import interview_record


class InterviewWeekRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def between(
        self, start: datetime, end: datetime, *, user_id: int | None = None,
        team_id: int | None = None, limit: int = 500,
    ) -> list[InterviewSlotRecord]:
        """user_id: interviews of the user's cards or scheduled by them; team_id: the team's
        cards; neither: everyone's (admins)."""
        c = RequestCard
        query = (
            sa.select(Interview, Submission, c.title, c.owner_user_id, BenchDeveloper.name)
            .join(Submission, Submission.id == Interview.submission_id)
            .join(c, c.id == Submission.request_id)
            .join(BenchDeveloper, BenchDeveloper.id == Submission.developer_id)
            .where(Interview.scheduled_at >= start, Interview.scheduled_at < end)
        )
        if user_id is not None:
            query = query.where(
                sa.or_(c.owner_user_id == user_id, Interview.created_by == user_id)
            )
        if team_id is not None:
            query = query.where(c.team_id == team_id)
        query = query.order_by(Interview.scheduled_at, Interview.id).limit(limit)
        return [
            InterviewSlotRecord(interview_record(i, s), title, owner, name)
            for i, s, title, owner, name in (await self.session.execute(query)).all()
        ]
