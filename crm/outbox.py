"""Delivering the outbox: claim one due notification, send it, record the outcome, commit.

Exactly-once-ish: a row is locked (FOR UPDATE SKIP LOCKED) for its whole send and marked sent in
the same transaction right after the send succeeds. A crash after the send and before the commit
leaves the row pending, so that one message may go out twice; nothing else can.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum

from crm.access import can_see
from db.records.outbox import DueDelivery, NotificationRecord
from db.repositories.digests import DigestRepo
from db.repositories.feed import FeedRepo
from db.repositories.outbox import OutboxRepo
from db.repositories.searches import SearchRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

MAX_ATTEMPTS = 6
BACKOFF_BASE_SECONDS = 5.0
BACKOFF_MAX_SECONDS = 3600.0


class Outcome(Enum):
    SENT = "sent"
    RETRY_LATER = "retry_later"  # rate limited: not a failure, no attempt is counted
    FORBIDDEN = "forbidden"  # the user blocked the bot
    FAILED = "failed"


@dataclass(frozen=True)
class SendResult:
    outcome: Outcome
    retry_after: float = 0.0
    error: str | None = None


Sender = Callable[[DueDelivery], Awaitable[SendResult]]


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s … capped at an hour."""
    seconds = BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, BACKOFF_MAX_SECONDS))


async def _load(uow: UnitOfWork, note: NotificationRecord) -> DueDelivery | None:
    user = await uow.repo(UserRepo).get(note.user_id)
    card = await uow.repo(FeedRepo).card(note.request_id) if note.request_id else None
    if user is None or not user.active or (card is not None and not can_see(user, card)):
        return None
    if note.channel == "telegram" and user.pushes_paused_at is not None:
        return None
    if note.channel == "email" and not (user.email_enabled and user.email):
        return None
    search = await uow.repo(SearchRepo).get(note.saved_search_id) if note.saved_search_id else None
    images: tuple[bytes, ...] = ()
    if note.kind == "digest":
        images = tuple(await uow.repo(DigestRepo).images(list(note.payload.get("images", ()))))
    return DueDelivery(note, user, card, search.name if search else None, images)


async def _record(
    uow: UnitOfWork, note: NotificationRecord, result: SendResult, now: datetime
) -> None:
    outbox = uow.repo(OutboxRepo)
    if result.outcome is Outcome.SENT:
        await outbox.update(note.id, status="sent", sent_at=now, attempts=note.attempts + 1)
    elif result.outcome is Outcome.RETRY_LATER:
        later = now + timedelta(seconds=result.retry_after)
        await outbox.update(note.id, next_attempt_at=later, last_error=result.error)
    elif result.outcome is Outcome.FORBIDDEN:
        await uow.repo(UserRepo).update(note.user_id, pushes_paused_at=now)
        await outbox.cancel_pending(note.user_id, "telegram")
        await outbox.update(note.id, last_error=result.error)
    else:
        attempts = note.attempts + 1
        await outbox.update(
            note.id, attempts=attempts, last_error=result.error,
            status="dead" if attempts >= MAX_ATTEMPTS else "pending",
            next_attempt_at=now + backoff(attempts),
        )


async def deliver_next(uow: UnitOfWork, send: Sender) -> NotificationRecord | None:
    """Sends one due notification; None when nothing is due (or all due rows are locked)."""
    async with uow:
        note = await uow.repo(OutboxRepo).claim_due(datetime.now(UTC))
        if note is None:
            return None
        due = await _load(uow, note)
        if due is None:
            await uow.repo(OutboxRepo).update(note.id, status="cancelled")
        else:
            try:
                result = await send(due)
            except Exception as exc:
                result = SendResult(Outcome.FAILED, error=repr(exc)[:500])
            await _record(uow, note, result, datetime.now(UTC))
        await uow.commit()
    return note
