"""A week of interviews: a manager's own, a lead's team's, an admin's everyone's."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from crm.errors import AccessDenied
from db.records.interview_week import InterviewSlotRecord
from db.records.users import UserRecord
from db.repositories.interview_week import InterviewWeekRepo
from db.uow import UnitOfWork


def week_start(day: date) -> date:
    """The Monday of the week `day` falls in."""
    return day - timedelta(days=day.weekday())


async def week(uow: UnitOfWork, user: UserRecord, monday: date) -> list[InterviewSlotRecord]:
    """The interviews of the 7 days from `monday`, midnight to midnight in the user's zone."""
    if not user.active:
        raise AccessDenied("inactive")
    zone = ZoneInfo(user.timezone)
    start = datetime.combine(week_start(monday), time(), zone)
    end = start + timedelta(days=7)
    async with uow:
        repo = uow.repo(InterviewWeekRepo)
        if user.is_admin:
            return await repo.between(start, end)
        if user.is_lead and user.team_id is not None:
            return await repo.between(start, end, team_id=user.team_id)
        return await repo.between(start, end, user_id=user.id)
