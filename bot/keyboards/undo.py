from __future__ import annotations

import time

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import SearchAction, SearchCb
from bot.callbacks_ui import UndoAction, UndoCb
from bot.i18n import I18n

# How long an undo button works after the step it reverses.
UNDO_SECONDS = 30


def undo_kb(action: UndoAction, target_id: int, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("undo-button", seconds=UNDO_SECONDS), callback_data=UndoCb(
        action=action, target_id=target_id, until=int(time.time()) + UNDO_SECONDS))
    return builder.as_markup()


def confirm_delete_search_kb(search_id: int, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("search-delete-yes"),
                   callback_data=SearchCb(action=SearchAction.delete_confirmed,
                                          search_id=search_id))
    builder.button(text=i18n.get("search-delete-no"),
                   callback_data=SearchCb(action=SearchAction.list))
    builder.adjust(2)
    return builder.as_markup()
