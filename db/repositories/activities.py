"""The activity log (per request and per client) and manager tasks; stages, never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Activity, RequestCard, Task
from db.records.pipeline import ActivityRecord, TaskRecord


def activity_record(row: Activity) -> ActivityRecord:
    return ActivityRecord(
        id=row.id, request_id=row.request_id, client_id=row.client_id, user_id=row.user_id,
        kind=row.kind, payload=dict(row.payload or {}), created_at=row.created_at,
    )


def task_record(row: Task) -> TaskRecord:
    return TaskRecord(
        id=row.id, request_id=row.request_id, client_id=row.client_id,
        assignee_id=row.assignee_id, created_by=row.created_by, title=row.title,
        due_at=row.due_at, done_at=row.done_at, created_at=row.created_at,
    )


class ActivityRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self, kind: str, *, user_id: int | None, request_id: int | None = None,
        client_id: int | None = None, payload: dict[str, Any] | None = None,
        at: datetime | None = None,
    ) -> ActivityRecord:
        row = Activity(
            kind=kind, user_id=user_id, request_id=request_id, client_id=client_id,
            payload=payload or {},
        )
        if at is not None:
            row.created_at = at
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)
        return activity_record(row)

    async def log(
        self, *, request_id: int | None = None, client_id: int | None = None,
        kinds: Sequence[str] = (), limit: int = 50,
    ) -> list[ActivityRecord]:
        """Newest first: a request's log, or a client's (its own entries and its requests')."""
        query = sa.select(Activity)
        if request_id is not None:
            query = query.where(Activity.request_id == request_id)
        if client_id is not None:
            # Entries logged on a request before it was linked to the client count too.
            of_client = sa.select(RequestCard.id).where(RequestCard.client_id == client_id)
            query = query.where(
                sa.or_(Activity.client_id == client_id, Activity.request_id.in_(of_client))
            )
        if kinds:
            query = query.where(Activity.kind.in_(kinds))
        query = query.order_by(Activity.created_at.desc(), Activity.id.desc()).limit(limit)
        return [activity_record(r) for r in await self.session.scalars(query)]

    async def add_task(self, **values: Any) -> TaskRecord:
        row = Task(**values)
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)
        return task_record(row)

    async def task(self, task_id: int, *, lock: bool = False) -> TaskRecord | None:
        query = sa.select(Task).where(Task.id == task_id)
        row = await self.session.scalar(query.with_for_update() if lock else query)
        return task_record(row) if row else None

    async def finish_task(self, task_id: int, at: datetime) -> None:
        await self.session.execute(sa.update(Task).where(Task.id == task_id).values(done_at=at))

    async def open_tasks(
        self, *, assignee_id: int | None = None, request_id: int | None = None
    ) -> list[TaskRecord]:
        query = sa.select(Task).where(Task.done_at.is_(None))
        if assignee_id is not None:
            query = query.where(Task.assignee_id == assignee_id)
        if request_id is not None:
            query = query.where(Task.request_id == request_id)
        query = query.order_by(Task.due_at.asc().nulls_last(), Task.id)
        return [task_record(r) for r in await self.session.scalars(query)]
