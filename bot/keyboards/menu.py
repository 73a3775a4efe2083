from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import MenuAction, MenuCb
from bot.i18n import I18n


def main_menu_kb(i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("menu-feed"), callback_data=MenuCb(action=MenuAction.feed))
    builder.button(
        text=i18n.get("menu-searches"), callback_data=MenuCb(action=MenuAction.searches)
    )
    builder.button(
        text=i18n.get("menu-settings"), callback_data=MenuCb(action=MenuAction.settings)
    )
    builder.button(text=i18n.get("menu-stats"), callback_data=MenuCb(action=MenuAction.stats))
    builder.adjust(1, 2, 1)
    return builder.as_markup()
