"""Interviews: scheduled from a submission in the manager's local time, stored in UTC with
the zone; outcomes move the pipeline; reminders are queued through the notification outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crm.access import managed_card, visible_card
from crm.errors import AccessDenied, CrmInputError
from crm.pipeline import apply_move
from db.models.enums import INTERVIEW_OUTCOMES
from db.records.pipeline import InterviewRecord, PipelineCardRecord
from db.records.users import UserRecord
from db.repositories.activities import ActivityRepo
from db.repositories.bench import BenchRepo
from db.repositories.interviews import InterviewRepo
from db.repositories.outbox import OutboxRepo
from db.repositories.pipeline import PipelineRepo
from db.uow import UnitOfWork


class ReminderPlanner(Protocol):
    """Schedules an interview's reminders (crm.scheduler.CrmJobs; a list in tests)."""

    def plan(self, interview: InterviewRecord) -> None: ...


def to_utc(local: datetime, timezone: str) -> datetime:
    """A wall-clock time in `timezone` (naive, as picked in the bot) as an aware UTC time."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CrmInputError("bad_timezone", timezone) from exc
    if local.tzinfo is None:
        local = local.replace(tzinfo=zone)
    return local.astimezone(UTC)


def _ahead(local: datetime, zone: str, now: datetime | None) -> datetime:
    """The UTC time of a picked wall-clock time in `zone`, which must be in the future."""
    at = to_utc(local, zone)
    if at <= (now or datetime.now(UTC)):
        raise CrmInputError("interview_in_past", at.isoformat())
    return at


async def _commit_reading(uow: UnitOfWork, interview_id: int) -> InterviewRecord:
    """The interview as this transaction wrote it, then the commit: reminders are planned from
    this record only once it is stored."""
    interview = await uow.repo(InterviewRepo).interview(interview_id)
    if interview is None:  # written in this transaction: cannot happen
        raise LookupError(f"interview {interview_id} vanished before its commit")
    await uow.commit()
    return interview


def scheduled_local(interview: InterviewRecord) -> datetime:
    """When the interview is, on the clock of the zone it was set in."""
    return interview.scheduled_at.astimezone(ZoneInfo(interview.timezone))


async def schedule(
    uow: UnitOfWork, user: UserRecord, submission_id: int, local: datetime,
    timezone: str | None = None, *, planner: ReminderPlanner | None = None,
    now: datetime | None = None,
) -> InterviewRecord:
    """Schedules an interview for a proposed developer at `local` time in `timezone` (the
    user's own zone by default); the card moves to interview; reminders are planned after
    the commit, so a rolled-back schedule never reminds anyone."""
    zone = timezone or user.timezone
    at = _ahead(local, zone, now)
    async with uow:
        repo = uow.repo(InterviewRepo)
        submission = await repo.submission(submission_id, lock=True)
        if submission is None:
            raise AccessDenied(f"submission {submission_id}")
        card = await managed_card(uow, user, submission.request_id, lock=True)
        interview_id = await repo.add_interview(submission_id, at, zone, user.id)
        await repo.set_submission(submission_id, status="interview")
        if card.stage == "proposed":
            await apply_move(uow, user, card, "interview")
        await uow.repo(ActivityRepo).add(
            "interview", user_id=user.id, request_id=card.id, client_id=card.client_id,
            payload={"interview_id": interview_id, "developer_id": submission.developer_id,
                     "scheduled_at": at.isoformat(), "timezone": zone},
        )
        interview = await _commit_reading(uow, interview_id)
    if planner is not None:
        planner.plan(interview)
    return interview


async def _pending(
    uow: UnitOfWork, user: UserRecord, interview_id: int
) -> tuple[InterviewRecord, PipelineCardRecord]:
    """The interview (locked) and its card, if the user manages it and it has no outcome."""
    interview = await uow.repo(InterviewRepo).interview(interview_id, lock=True)
    if interview is None:
        raise AccessDenied(f"interview {interview_id}")
    card = await managed_card(uow, user, interview.request_id, lock=True)
    if interview.outcome is not None:
        raise CrmInputError("outcome_already_set", interview.outcome)
    return interview, card


async def reschedule(
    uow: UnitOfWork, user: UserRecord, interview_id: int, local: datetime,
    timezone: str | None = None, *, planner: ReminderPlanner | None = None,
    now: datetime | None = None,
) -> InterviewRecord:
    """Moves an interview that has no outcome yet to `local` time in `timezone` (the user's
    zone by default). Reminders are planned again for the new time, after the commit; the
    ones already sent do not hold back those of the new time (see send_reminder)."""
    zone = timezone or user.timezone
    at = _ahead(local, zone, now)
    async with uow:
        repo = uow.repo(InterviewRepo)
        interview, card = await _pending(uow, user, interview_id)
        await repo.set_interview(interview_id, scheduled_at=at, timezone=zone, reminded_at=None)
        await uow.repo(ActivityRepo).add(
            "interview_moved", user_id=user.id, request_id=card.id, client_id=card.client_id,
            payload={"interview_id": interview_id, "developer_id": interview.developer_id,
                     "from": interview.scheduled_at.isoformat(), "scheduled_at": at.isoformat(),
                     "timezone": zone},
        )
        moved = await _commit_reading(uow, interview_id)
    if planner is not None:
        planner.plan(moved)
    return moved


async def record_outcome(
    uow: UnitOfWork, user: UserRecord, interview_id: int, outcome: str,
    now: datetime | None = None,
) -> InterviewRecord:
    """passed → the card moves to offer; failed or no_show → back to proposed (the request is
    still open: propose someone else, or mark it lost with a reason), unless another
    candidate's interview is still pending. Refused before the interview's time."""
    if outcome not in INTERVIEW_OUTCOMES:
        raise CrmInputError("bad_outcome", outcome)
    async with uow:
        repo = uow.repo(InterviewRepo)
        interview, card = await _pending(uow, user, interview_id)
        if interview.scheduled_at > (now or datetime.now(UTC)):
            raise CrmInputError("outcome_too_early", interview.scheduled_at.isoformat())
        await repo.set_interview(interview_id, outcome=outcome)
        await repo.set_submission(interview.submission_id, status=outcome)
        others = await repo.live_statuses(card.id, exclude=[interview.submission_id])
        if outcome == "passed" and card.stage == "interview":
            await apply_move(uow, user, card, "offer")
        elif outcome != "passed" and card.stage == "interview" and "interview" not in others:
            await apply_move(uow, user, card, "proposed", outcome)
        await uow.repo(ActivityRepo).add(
            "outcome", user_id=user.id, request_id=card.id, client_id=card.client_id,
            payload={"interview_id": interview_id, "developer_id": interview.developer_id,
                     "outcome": outcome},
        )
        updated = await repo.interview(interview_id)
        await uow.commit()
    assert updated is not None  # locked above
    return updated


def reminder_key(interview: InterviewRecord, before: timedelta) -> str:
    """The outbox dedup key of one reminder: the interview, its time and the offset."""
    when = int(interview.scheduled_at.timestamp())
    return f"interview:{interview.id}:{when}:{int(before.total_seconds())}"


async def send_reminder(
    uow: UnitOfWork, interview_id: int, before: timedelta, now: datetime | None = None
) -> bool:
    """The reminder job's body: queues one outbox row for the interview's owner.

    Idempotent: the dedup key names the interview, its time and the offset, and the row is
    inserted in the same transaction that stamps reminded_at, so running it twice sends
    nothing twice, while a rescheduled interview is reminded of again.
    Returns whether a new reminder was queued.
    """
    now = now or datetime.now(UTC)
    async with uow:
        interview = await uow.repo(InterviewRepo).interview(interview_id, lock=True)
        if interview is None or interview.outcome is not None or interview.scheduled_at <= now:
            return False
        card = await uow.repo(PipelineRepo).card(interview.request_id)
        dev = await uow.repo(BenchRepo).get(interview.developer_id)
        user_id = (card.owner_user_id if card else None) or interview.created_by
        if card is None or dev is None or user_id is None:
            return False
        seconds = int(before.total_seconds())
        added = await uow.repo(OutboxRepo).add_many([{
            "kind": "reminder", "channel": "telegram", "user_id": user_id,
            "request_id": card.id, "dedup_key": reminder_key(interview, before),
            "payload": {
                "reason": "interview", "interview_id": interview_id, "title": card.title,
                "developer": dev.name, "scheduled_at": interview.scheduled_at.isoformat(),
                "timezone": interview.timezone, "minutes_before": seconds // 60,
            },
        }])
        await uow.repo(InterviewRepo).set_interview(interview_id, reminded_at=now)
        await uow.commit()
    return added > 0


async def upcoming(uow: UnitOfWork, now: datetime | None = None) -> list[InterviewRecord]:
    """Interviews ahead without an outcome: what the scheduler re-plans at start-up."""
    async with uow:
        return await uow.repo(InterviewRepo).upcoming(now or datetime.now(UTC))


async def of_request(uow: UnitOfWork, user: UserRecord, card_id: int) -> list[InterviewRecord]:
    """A request's interviews, earliest first."""
    async with uow:
        await visible_card(uow, user, card_id)
        return await uow.repo(InterviewRepo).of_request(card_id)


def held(interview: InterviewRecord, now: datetime | None = None) -> bool:
    """Whether the interview's time has come, so an outcome may be recorded."""
    return interview.scheduled_at <= (now or datetime.now(UTC))

