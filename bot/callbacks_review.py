"""Callback data of the admins' review queue: ids and enums only."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Id


class ReviewAction(StrEnum):
    confirm = "confirm"
    next = "next"


class ReviewCb(CallbackData, prefix="rvq"):
    action: ReviewAction
    card_id: Id
