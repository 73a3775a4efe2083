"""Callback data of the screens every feature shares: prompt cancel, undo, confirm, free text."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import EpochSeconds, Id


class PromptAction(StrEnum):
    cancel = "cancel"


class PromptCb(CallbackData, prefix="px"):
    action: PromptAction


class UndoAction(StrEnum):
    unhide = "unhide"
    restore_search = "restore_search"


class UndoCb(CallbackData, prefix="un"):
    """Reverses a just-done step; `until` (epoch seconds) is when the offer runs out."""

    action: UndoAction
    target_id: Id
    until: EpochSeconds


class FoundAction(StrEnum):
    open = "open"
    save = "save"


class FoundCb(CallbackData, prefix="fx"):
    """Free-text results: open one card, or save the phrase (kept in FSM data) as a search."""

    action: FoundAction
    card_id: Id = 0
