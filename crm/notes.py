"""Notes and tasks on requests and clients; everything lands in the activity log."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from crm.access import can_see_client, visible_card
from crm.errors import AccessDenied, CrmInputError
from db.records.pipeline import ActivityRecord, TaskRecord
from db.records.users import UserRecord
from db.repositories.activities import ActivityRepo
from db.repositories.clients import ClientRepo
from db.repositories.pipeline import PipelineRepo
from db.uow import UnitOfWork

NOTE_MAX = 3000
TITLE_MAX = 255
LOG_SIZE = 30
_DUE = re.compile(r"^(\d{1,2})\.(\d{1,2})\s+(\d{1,2}):(\d{2})$")


def _text(raw: str, limit: int, code: str) -> str:
    text = raw.strip()
    if not text:
        raise CrmInputError(code)
    return text[:limit]


def parse_task(
    raw: str, timezone: str, now: datetime | None = None
) -> tuple[str, datetime | None]:
    """'Call the client; 05.03 14:30' → (title, due in UTC), the date in the user's zone and
    this year; without '; …' there is no due time."""
    title, sep, due = raw.rpartition(";")
    if not sep:
        return raw.strip(), None
    found = _DUE.match(due.strip())
    if found is None:
        raise CrmInputError("bad_due", due)
    zone = ZoneInfo(timezone)
    day, month, hour, minute = (int(g) for g in found.groups())
    year = (now or datetime.now(UTC)).astimezone(zone).year
    try:
        local = datetime(year, month, day, hour, minute, tzinfo=zone)
    except ValueError as exc:
        raise CrmInputError("bad_due", due) from exc
    return title.strip(), local.astimezone(UTC)


async def add_note(uow: UnitOfWork, user: UserRecord, card_id: int, text: str) -> ActivityRecord:
    """A note on a request (it shows on the request's client too)."""
    body = _text(text, NOTE_MAX, "empty_note")
    async with uow:
        await visible_card(uow, user, card_id)
        card = await uow.repo(PipelineRepo).card(card_id)
        note = await uow.repo(ActivityRepo).add(
            "note", user_id=user.id, request_id=card_id,
            client_id=card.client_id if card else None, payload={"text": body},
        )
        await uow.commit()
    return note


async def add_client_note(
    uow: UnitOfWork, user: UserRecord, client_id: int, text: str
) -> ActivityRecord:
    """A note on a client."""
    body = _text(text, NOTE_MAX, "empty_note")
    async with uow:
        client = await uow.repo(ClientRepo).get(client_id)
        if client is None or not can_see_client(user, client):
            raise AccessDenied(f"client {client_id}")
        note = await uow.repo(ActivityRepo).add(
            "note", user_id=user.id, client_id=client_id, payload={"text": body}
        )
        await uow.commit()
    return note


async def card_log(
    uow: UnitOfWork, user: UserRecord, card_id: int, limit: int = LOG_SIZE
) -> list[ActivityRecord]:
    """A request's activity log, newest first: moves, proposals, interviews, notes."""
    async with uow:
        await visible_card(uow, user, card_id)
        return await uow.repo(ActivityRepo).log(request_id=card_id, limit=limit)


async def add_task(
    uow: UnitOfWork, user: UserRecord, card_id: int, title: str,
    due_at: datetime | None = None, assignee_id: int | None = None,
) -> TaskRecord:
    """A to-do on a request, for the user unless someone else is named."""
    body = _text(title, TITLE_MAX, "empty_task")
    async with uow:
        await visible_card(uow, user, card_id)
        card = await uow.repo(PipelineRepo).card(card_id)
        repo = uow.repo(ActivityRepo)
        task = await repo.add_task(
            request_id=card_id, client_id=card.client_id if card else None,
            assignee_id=assignee_id or user.id, created_by=user.id, title=body, due_at=due_at,
        )
        await repo.add("task", user_id=user.id, request_id=card_id,
                       payload={"task_id": task.id, "title": body})
        await uow.commit()
    return task


async def complete_task(uow: UnitOfWork, user: UserRecord, task_id: int) -> TaskRecord:
    """Marks a task done; its assignee, its author or a lead may do it."""
    now = datetime.now(UTC)
    async with uow:
        repo = uow.repo(ActivityRepo)
        task = await repo.task(task_id, lock=True)
        if task is None or not (user.is_lead or user.id in (task.assignee_id, task.created_by)):
            raise AccessDenied(f"task {task_id}")
        if task.request_id is not None:
            await visible_card(uow, user, task.request_id)
        await repo.finish_task(task_id, now)
        await uow.commit()
    return TaskRecord(**{**task.__dict__, "done_at": now})


async def my_tasks(uow: UnitOfWork, user: UserRecord) -> list[TaskRecord]:
    """The user's open tasks, soonest due first."""
    async with uow:
        return await uow.repo(ActivityRepo).open_tasks(assignee_id=user.id)
