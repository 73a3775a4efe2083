"""Interview scheduling: an inline date picker, a time picker, and outcome buttons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import DayCb, InterviewOutcome, OutcomeCb, TimeCb
from bot.i18n import I18n
from crm.interviews import held
from db.records.pipeline import InterviewRecord

DAYS_AHEAD = 14
FIRST_MINUTE = 9 * 60  # working hours of the manager's own zone
LAST_MINUTE = 20 * 60
STEP_MINUTES = 30


def days_kb(submission_id: int, today: date, i18n: I18n,
            interview_id: int = 0) -> InlineKeyboardMarkup:
    """Today and the next two weeks; weekdays named so Friday vs Monday is obvious.
    With `interview_id` the pick moves that interview."""
    builder = InlineKeyboardBuilder()
    for offset in range(DAYS_AHEAD):
        day = today + timedelta(days=offset)
        label = f"{i18n.get(f'crm-weekday-{day.weekday()}')} {day.strftime('%d.%m')}"
        builder.button(text=label, callback_data=DayCb(
            submission_id=submission_id, day=offset, interview_id=interview_id))
    builder.adjust(4)
    return builder.as_markup()


def times_kb(submission_id: int, day: int, i18n: I18n,
             interview_id: int = 0) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for minute in range(FIRST_MINUTE, LAST_MINUTE + 1, STEP_MINUTES):
        builder.button(text=f"{minute // 60:02d}:{minute % 60:02d}", callback_data=TimeCb(
            submission_id=submission_id, day=day, minute=minute, interview_id=interview_id))
    builder.button(text=i18n.get("crm-back"), callback_data=DayCb(
        submission_id=submission_id, interview_id=interview_id))
    builder.adjust(4)
    return builder.as_markup()


def outcomes_kb(
    interviews: Sequence[InterviewRecord], i18n: I18n, now: datetime | None = None
) -> InlineKeyboardMarkup:
    """For each interview without an outcome: the outcome buttons once its time has come
    (crm refuses an outcome before it), and a reschedule button."""
    builder = InlineKeyboardBuilder()
    sizes: list[int] = []
    for interview in (i for i in interviews if i.outcome is None):
        if held(interview, now):
            for outcome in InterviewOutcome:
                builder.button(
                    text=i18n.get("crm-outcome-button", id=interview.id,
                                  outcome=i18n.get(f"crm-outcome-{outcome.value}")),
                    callback_data=OutcomeCb(interview_id=interview.id, outcome=outcome),
                )
            sizes.append(len(InterviewOutcome))
        builder.button(
            text=i18n.get("crm-reschedule-button", id=interview.id),
            callback_data=DayCb(submission_id=interview.submission_id, interview_id=interview.id),
        )
        sizes.append(1)
    builder.adjust(*sizes or [1])
    return builder.as_markup()
