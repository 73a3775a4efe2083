"""After proposing a developer: schedule the interview now, or later from the card."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Id


class ScheduleCb(CallbackData, prefix="sh"):
    submission_id: Id
    later: bool = False
