from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import MenuAction, MenuCb
from bot.i18n import I18n
from bot.roles import features_for


def main_menu_kb(i18n: I18n, role: str = "manager") -> InlineKeyboardMarkup:
    """A button for each thing the role can do (bot/roles.py), two per row."""
    builder = InlineKeyboardBuilder()
    for feature in features_for(role, menu=True):
        builder.button(text=i18n.get(f"menu-{feature.command}"),
                       callback_data=MenuCb(action=MenuAction(feature.command)))
    builder.adjust(2)
    return builder.as_markup()
