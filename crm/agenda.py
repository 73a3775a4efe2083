"""Read sides of interviews for the bot: the week's agenda and a submission's request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crm.access import visible_card
from crm.errors import AccessDenied
from db.records.pipeline import InterviewRecord
from db.records.users import UserRecord
from db.repositories.interviews import InterviewRepo
from db.uow import UnitOfWork

WEEK = timedelta(days=7)
WEEK_LOOKBACK = timedelta(hours=12)  # today's interviews just held still need their outcome


async def request_of(uow: UnitOfWork, user: UserRecord, submission_id: int) -> int:
    """The request a submission was made for, if the user may see it."""
    async with uow:
        submission = await uow.repo(InterviewRepo).submission(submission_id)
        if submission is None:
            raise AccessDenied(f"submission {submission_id}")
        await visible_card(uow, user, submission.request_id)
    return submission.request_id


async def week(
    uow: UnitOfWork, user: UserRecord, now: datetime | None = None
) -> list[tuple[InterviewRecord, str, str]]:
    """The interviews of the coming seven days (and today's already held) the user works on:
    a manager's own cards, a lead's team's, everything for admins; with the developer's name
    and the request's title."""
    start = (now or datetime.now(UTC)) - WEEK_LOOKBACK
    owner = None if user.is_lead else user.id
    team = None if user.is_admin or not user.is_lead else user.team_id
    async with uow:
        return await uow.repo(InterviewRepo).between(
            start, start + WEEK_LOOKBACK + WEEK, owner_id=owner, team_id=team)
