"""Interview scheduling and rescheduling with the inline date and time pickers, and outcomes."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.callbacks_crm import DayCb, OutcomeCb, TimeCb
from bot.handlers.common import edit, edit_markup
from bot.i18n import I18n
from bot.keyboards.crm_interview import days_kb, outcomes_kb, times_kb
from bot.middlewares.once import ONCE
from bot.views.crm import interview_text
from crm import interviews
from crm.interviews import ReminderPlanner
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


def _today(user: UserRecord) -> datetime:
    return datetime.now(ZoneInfo(user.timezone))


@router.callback_query(DayCb.filter(F.day < 0))
async def pick_day(
    query: CallbackQuery, callback_data: DayCb, user: UserRecord, i18n: I18n
) -> None:
    await edit_markup(query, days_kb(callback_data.submission_id, _today(user).date(), i18n,
                                      callback_data.interview_id))
    await query.answer()


@router.callback_query(DayCb.filter(F.day >= 0))
async def pick_time(query: CallbackQuery, callback_data: DayCb, i18n: I18n) -> None:
    await edit(query, i18n.get("crm-pick-time"),
               times_kb(callback_data.submission_id, callback_data.day, i18n,
                        callback_data.interview_id))
    await query.answer()


@router.callback_query(TimeCb.filter(), flags=ONCE)
async def schedule_interview(
    query: CallbackQuery, callback_data: TimeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n,
    crm_jobs: ReminderPlanner | None = None,
) -> None:
    day = _today(user).date() + timedelta(days=callback_data.day)
    local = datetime.combine(day, time(callback_data.minute // 60, callback_data.minute % 60))
    if callback_data.interview_id:
        interview = await interviews.reschedule(
            uow, user, callback_data.interview_id, local, planner=crm_jobs)
        said = i18n.get("crm-interview-moved")
    else:
        interview = await interviews.schedule(
            uow, user, callback_data.submission_id, local, planner=crm_jobs)
        said = i18n.get("crm-interview-set")
    await edit(query, said + "\n" + interview_text(interview, i18n),
               outcomes_kb([interview], i18n))
    await query.answer()


@router.callback_query(OutcomeCb.filter())
async def record_outcome(
    query: CallbackQuery, callback_data: OutcomeCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    interview = await interviews.record_outcome(
        uow, user, callback_data.interview_id, callback_data.outcome.value
    )
    await edit(query, interview_text(interview, i18n), outcomes_kb([interview], i18n))
    await query.answer(i18n.get("crm-outcome-saved"))
