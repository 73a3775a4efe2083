"""After proposing a developer: schedule the interview now, or later from the card."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class ScheduleCb(CallbackData, prefix="sh"):
    submission_id: int
    later: bool = False
