"""The matching screen: a Propose button per ranked developer."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import PipeAction, PipeCb, ProposeCb
from bot.i18n import I18n
from crm.proposals import DeveloperMatch

NAME_MAX = 30


def matches_kb(
    card_id: int, matches: Sequence[DeveloperMatch], i18n: I18n
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for n, found in enumerate(matches, 1):
        builder.button(
            text=i18n.get("crm-propose", n=n, name=found.developer.name[:NAME_MAX]),
            callback_data=ProposeCb(card_id=card_id, developer_id=found.developer.id),
        )
    builder.button(text=i18n.get("crm-back"),
                   callback_data=PipeCb(action=PipeAction.open, card_id=card_id))
    builder.adjust(1)
    return builder.as_markup()
