"""The matching screen: a Propose button per ranked developer, the pager, back to the card;
after proposing, schedule the interview now or later."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import PipeAction, PipeCb, ProposeCb
from bot.callbacks_pages import Listing
from bot.callbacks_proposal import ScheduleCb
from bot.i18n import I18n
from bot.keyboards.pager import Page, add_pager
from crm.proposals import DeveloperMatch

NAME_MAX = 30
MATCHES_PAGE = 10


def matches_kb(
    card_id: int, matches: Sequence[DeveloperMatch], page: Page, i18n: I18n,
    proposed: Collection[int] = (),
) -> InlineKeyboardMarkup:
    """`proposed`: developers already proposed; their button leads on to the interview
    (proposing again changes nothing)."""
    builder = InlineKeyboardBuilder()
    for n, found in enumerate(matches, page.offset + 1):
        key = "crm-proposed-again" if found.developer.id in proposed else "crm-propose"
        builder.button(
            text=i18n.get(key, n=n, name=found.developer.name[:NAME_MAX]),
            callback_data=ProposeCb(card_id=card_id, developer_id=found.developer.id),
        )
    builder.adjust(1)
    add_pager(builder, page, Listing.matches, i18n, key=card_id)
    builder.row(InlineKeyboardButton(text=i18n.get("crm-back"), callback_data=PipeCb(
        action=PipeAction.open, card_id=card_id).pack()))
    return builder.as_markup()


def proposed_kb(submission_id: int, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=i18n.get("crm-proposed-schedule"),
                   callback_data=ScheduleCb(submission_id=submission_id))
    builder.button(text=i18n.get("crm-proposed-later"),
                   callback_data=ScheduleCb(submission_id=submission_id, later=True))
    builder.adjust(2)
    return builder.as_markup()
