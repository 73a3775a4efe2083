"""Submissions (a developer proposed for a request) and their interviews; never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BenchDeveloper, Interview, RequestCard, Submission
from db.records.pipeline import InterviewRecord, SubmissionRecord


def submission_record(row: Submission) -> SubmissionRecord:
    return SubmissionRecord(
        id=row.id, request_id=row.request_id, developer_id=row.developer_id, user_id=row.user_id,
        status=row.status, score=row.score, created_at=row.created_at,
    )


def interview_record(row: Interview, submission: Submission) -> InterviewRecord:
    return InterviewRecord(
        id=row.id, submission_id=row.submission_id, request_id=submission.request_id,
        developer_id=submission.developer_id, scheduled_at=row.scheduled_at,
        timezone=row.timezone, outcome=row.outcome, created_by=row.created_by,
        reminded_at=row.reminded_at,
    )


class InterviewRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_submission(
        self, request_id: int, developer_id: int, user_id: int, score: float | None
    ) -> tuple[SubmissionRecord, bool]:
        """(the submission, whether it is new): proposing the same developer twice is a no-op."""
        query = (
            insert(Submission)
            .values(request_id=request_id, developer_id=developer_id, user_id=user_id, score=score)
            .on_conflict_do_nothing(constraint="uq_submissions_request_developer")
            .returning(Submission.id)
        )
        created = (await self.session.execute(query)).scalar() is not None
        row = await self.session.scalar(
            sa.select(Submission).where(
                Submission.request_id == request_id, Submission.developer_id == developer_id
            )
        )
        assert row is not None  # inserted or already there, in this transaction
        return submission_record(row), created

    async def submission(
        self, submission_id: int, *, lock: bool = False
    ) -> SubmissionRecord | None:
        query = sa.select(Submission).where(Submission.id == submission_id)
        row = await self.session.scalar(query.with_for_update() if lock else query)
        return submission_record(row) if row else None

    async def submissions(self, request_id: int) -> list[SubmissionRecord]:
        query = sa.select(Submission).where(Submission.request_id == request_id)
        rows = await self.session.scalars(query.order_by(Submission.id))
        return [submission_record(r) for r in rows]

    async def set_submission(self, submission_id: int, **values: Any) -> None:
        await self.session.execute(
            sa.update(Submission).where(Submission.id == submission_id).values(**values)
        )

    async def add_interview(
        self, submission_id: int, scheduled_at: datetime, timezone: str, created_by: int
    ) -> int:
        row = Interview(
            submission_id=submission_id, scheduled_at=scheduled_at, timezone=timezone,
            created_by=created_by,
        )
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def interview(self, interview_id: int, *, lock: bool = False) -> InterviewRecord | None:
        query = (
            sa.select(Interview, Submission)
            .join(Submission, Submission.id == Interview.submission_id)
            .where(Interview.id == interview_id)
        )
        if lock:
            query = query.with_for_update(of=Interview)
        found = (await self.session.execute(query)).first()
        return interview_record(*found) if found else None

    async def set_interview(self, interview_id: int, **values: Any) -> None:
        await self.session.execute(
            sa.update(Interview).where(Interview.id == interview_id).values(**values)
        )

    async def upcoming(self, after: datetime, limit: int = 1000) -> list[InterviewRecord]:
        """Interviews still ahead with no outcome: what the reminder scheduler must cover."""
        query = (
            sa.select(Interview, Submission)
            .join(Submission, Submission.id == Interview.submission_id)
            .where(Interview.scheduled_at > after, Interview.outcome.is_(None))
            .order_by(Interview.scheduled_at).limit(limit)
        )
        return [interview_record(i, s) for i, s in (await self.session.execute(query)).all()]

    async def between(
        self, start: datetime, end: datetime, *, owner_id: int | None = None,
        team_id: int | None = None,
    ) -> list[tuple[InterviewRecord, str, str]]:
        """Interviews from `start` to `end` on cards of `owner_id` / `team_id` (None: any),
        earliest first, with the developer's name and the request's title."""
        query = (
            sa.select(Interview, Submission, BenchDeveloper.name, RequestCard.title)
            .join(Submission, Submission.id == Interview.submission_id)
            .join(BenchDeveloper, BenchDeveloper.id == Submission.developer_id)
            .join(RequestCard, RequestCard.id == Submission.request_id)
            .where(Interview.scheduled_at >= start, Interview.scheduled_at < end)
        )
        if owner_id is not None:
            query = query.where(RequestCard.owner_user_id == owner_id)
        if team_id is not None:
            query = query.where(RequestCard.team_id == team_id)
        rows = (await self.session.execute(query.order_by(Interview.scheduled_at))).all()
        return [(interview_record(i, s), name, title) for i, s, name, title in rows]

    async def of_request(self, request_id: int) -> list[InterviewRecord]:
        query = (
            sa.select(Interview, Submission)
            .join(Submission, Submission.id == Interview.submission_id)
            .where(Submission.request_id == request_id).order_by(Interview.scheduled_at)
        )
        return [interview_record(i, s) for i, s in (await self.session.execute(query)).all()]

    async def live_statuses(self, request_id: int, exclude: Sequence[int] = ()) -> list[str]:
        query = sa.select(Submission.status).where(Submission.request_id == request_id)
        if exclude:
            query = query.where(Submission.id.not_in(exclude))
        return list(await self.session.scalars(query))
