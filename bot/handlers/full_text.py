"""A post's full text in the card's own message, page by page, with a way back to the card."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import CardAction, CardCb
from bot.callbacks_pages import Listing, ListPageCb
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.pager import Page, add_pager
from bot.views.card import full_text_chunks
from crm import cards
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


async def full_text_view(
    uow: UnitOfWork, user: UserRecord, card_id: int, number: int, i18n: I18n
) -> tuple[str, InlineKeyboardMarkup]:
    card = await cards.get(uow, user, card_id)
    chunks = full_text_chunks(card)
    page = Page(number, len(chunks), size=1)
    builder = InlineKeyboardBuilder()
    add_pager(builder, page, Listing.full_text, i18n, key=card_id)
    builder.row(InlineKeyboardButton(text=i18n.get("crm-full-back"), callback_data=CardCb(
        action=CardAction.back, card_id=card_id).pack()))
    text = i18n.get("crm-full-text-title", id=card_id) + "\n\n" + chunks[page.number]
    return text, builder.as_markup()


async def show_full_text(
    query: CallbackQuery, uow: UnitOfWork, user: UserRecord, card_id: int, i18n: I18n
) -> None:
    await edit(query, *await full_text_view(uow, user, card_id, 0, i18n))


@router.callback_query(ListPageCb.filter(F.listing == Listing.full_text))
async def page_full_text(
    query: CallbackQuery, callback_data: ListPageCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    await edit(query, *await full_text_view(uow, user, callback_data.key, callback_data.page,
                                            i18n))
    await query.answer()
