"""Free text typed outside a prompt: search the cards, offer to save the phrase as a search."""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks_ui import FoundAction, FoundCb
from bot.i18n import I18n
from bot.keyboards.card import card_kb
from bot.keyboards.find import found_kb
from bot.keyboards.menu import main_menu_kb
from bot.keyboards.searches import searches_kb
from bot.views.card import card_text
from bot.views.feed import filters_text
from bot.views.find import found_text
from crm import cards, find, searches
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
PHRASE_KEY = "found_phrase"


@router.message(StateFilter(None), F.text, ~F.text.startswith("/"))
async def search_typed_text(
    message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n, state: FSMContext
) -> None:
    phrase = message.text or ""
    found = await find.find(uow, user, phrase)
    if not found.words:
        # Nothing searchable ("привет", emoji): the menu's hint is the better answer.
        await message.answer(i18n.get("menu-hint"), reply_markup=main_menu_kb(i18n, user.role))
        return
    await state.update_data({PHRASE_KEY: phrase})
    await message.answer(found_text(found, phrase, i18n, user.timezone),
                         reply_markup=found_kb(found, i18n))


@router.callback_query(FoundCb.filter(F.action == FoundAction.open))
async def open_found(
    query: CallbackQuery, callback_data: FoundCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    card = await cards.get(uow, user, callback_data.card_id)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(card_text(card, i18n, user.timezone),
                                   reply_markup=card_kb(card, i18n, user.id))


@router.callback_query(FoundCb.filter(F.action == FoundAction.save))
async def save_found(
    query: CallbackQuery, uow: UnitOfWork, user: UserRecord, i18n: I18n, state: FSMContext
) -> None:
    phrase = (await state.get_data()).get(PHRASE_KEY)
    if not phrase:
        await query.answer(i18n.get("found-gone"), show_alert=True)
        return
    search = await searches.create_from_phrase(uow, user, phrase)
    own = await searches.list_own(uow, user)
    await query.answer(i18n.get("search-created", name=search.name))
    if isinstance(query.message, Message):
        text = i18n.get("search-created", name=html.escape(search.name))
        await query.message.answer(text + "\n\n" + filters_text(search.filters, i18n),
                                   reply_markup=searches_kb(own, i18n))
