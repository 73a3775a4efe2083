from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_ui import FoundAction, FoundCb
from bot.i18n import I18n
from crm.find import FoundCards

BUTTON_TITLE = 40


def found_kb(found: FoundCards, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for n, card in enumerate(found.cards, 1):
        title = (card.title or i18n.get("card-untitled"))[:BUTTON_TITLE]
        builder.button(text=f"{n}. {title}",
                       callback_data=FoundCb(action=FoundAction.open, card_id=card.id))
    builder.button(text=i18n.get("found-save"), callback_data=FoundCb(action=FoundAction.save))
    builder.adjust(1)
    return builder.as_markup()
