from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardAction, CardCb, CorrectCb, CorrectField
from bot.callbacks_crm import PipeAction, PipeCb
from bot.i18n import I18n
from bot.views.labels import label
from db.records.feed import FORMATS, GRADES, KINDS, ROLE_FAMILIES, CardRecord

CORRECT_OPTIONS: dict[CorrectField, tuple[str, ...]] = {
    CorrectField.kind: KINDS, CorrectField.roles: ROLE_FAMILIES,
    CorrectField.grades: GRADES, CorrectField.formats: FORMATS,
}


def card_kb(card: CardRecord, i18n: I18n, viewer_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=i18n.get("card-full-text"),
        callback_data=CardCb(action=CardAction.full, card_id=card.id),
    )
    builder.button(
        text=i18n.get("card-correct"),
        callback_data=CardCb(action=CardAction.correct, card_id=card.id),
    )
    if card.owner_user_id != viewer_id:
        builder.button(
            text=i18n.get("card-take"),
            callback_data=CardCb(action=CardAction.take, card_id=card.id),
        )
    builder.button(
        text=i18n.get("card-hide"), callback_data=CardCb(action=CardAction.hide, card_id=card.id)
    )
    builder.button(
        text=i18n.get("card-crm"), callback_data=PipeCb(action=PipeAction.open, card_id=card.id)
    )
    builder.adjust(2)
    return builder.as_markup()


def correct_fields_kb(card: CardRecord, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for field in CorrectField:
        builder.button(
            text=i18n.get(f"filter-{field.value}"),
            callback_data=CorrectCb(card_id=card.id, field=field),
        )
    builder.button(
        text=i18n.get("picker-done"), callback_data=CardCb(action=CardAction.back, card_id=card.id)
    )
    builder.adjust(4, 1)
    return builder.as_markup()


def correct_values_kb(card: CardRecord, field: CorrectField, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    current = getattr(card, field.value)
    chosen = {current} if isinstance(current, str) else set(current)
    for index, value in enumerate(CORRECT_OPTIONS[field]):
        mark = "✓ " if value in chosen else ""
        builder.button(
            text=mark + label(i18n, field.value, value),
            callback_data=CorrectCb(card_id=card.id, field=field, index=index),
        )
    builder.button(
        text=i18n.get("picker-done"),
        callback_data=CardCb(action=CardAction.correct, card_id=card.id),
    )
    builder.adjust(3)
    return builder.as_markup()
