"""Callback data of the admin's sources screen: ids and enums only (pack() caps it at 64 B)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from bot.callback_types import Id, Page


class SourceAction(StrEnum):
    page = "page"
    enable = "enable"
    disable = "disable"
    add = "add"  # asks for the reference


class SourceCb(CallbackData, prefix="src"):
    """`page` is the list page to show (or to re-render after a toggle)."""

    action: SourceAction
    source_id: Id = 0
    page: Page = 0
