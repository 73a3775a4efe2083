from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardAction, CardCb
from bot.callbacks_review import ReviewAction, ReviewCb
from bot.i18n import I18n


def review_kb(card_id: int, i18n: I18n) -> InlineKeyboardMarkup:
    """Confirm as is, correct (the card's own corrections screen), or skip to the next."""
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("review-confirm"),
                   callback_data=ReviewCb(action=ReviewAction.confirm, card_id=card_id))
    builder.button(text=i18n.get("card-correct"),
                   callback_data=CardCb(action=CardAction.correct, card_id=card_id))
    builder.button(text=i18n.get("review-next"),
                   callback_data=ReviewCb(action=ReviewAction.next, card_id=card_id))
    builder.adjust(2, 1)
    return builder.as_markup()
