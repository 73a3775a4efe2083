"""Callback data of the screens every feature shares: prompt cancel, undo, confirm, free text."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


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
    target_id: int
    until: int


class FoundAction(StrEnum):
    save = "save"


class FoundCb(CallbackData, prefix="ft"):
    """"Save as a search" under free-text results; the phrase waits in the FSM data."""

    action: FoundAction
