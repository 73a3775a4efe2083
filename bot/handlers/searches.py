"""Saved searches: from the current filters or a phrase; pause, resume, delete."""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import FeedAction, FeedCb, MenuAction, MenuCb, SearchAction, SearchCb
from bot.feed_filters import FilterStore
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.searches import searches_kb
from bot.middlewares.once import ONCE
from bot.states import SearchStates
from bot.views.feed import filters_text
from bot.views.searches import search_name, searches_text
from crm import searches
from db.records.searches import SavedSearchRecord
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


async def _created(
    message: Message, search: SavedSearchRecord, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    own = await searches.list_own(uow, user)
    created = i18n.get("search-created", name=html.escape(search.name))
    text = created + "\n\n" + filters_text(search.filters, i18n)
    await message.answer(text, reply_markup=searches_kb(own, i18n))


@router.message(Command("searches"))
async def cmd_searches(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    own = await searches.list_own(uow, user)
    await message.answer(searches_text(own, i18n), reply_markup=searches_kb(own, i18n))


@router.message(Command("search"))
async def cmd_search(
    message: Message, command: CommandObject, uow: UnitOfWork, user: UserRecord, i18n: I18n,
    state: FSMContext,
) -> None:
    if not command.args:
        await state.set_state(SearchStates.phrase)
        await message.answer(i18n.get("search-ask-phrase"))
        return
    search = await searches.create_from_phrase(uow, user, command.args)
    await _created(message, search, uow, user, i18n)


@router.message(SearchStates.phrase, F.text)
async def phrase_entered(
    message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n, state: FSMContext
) -> None:
    await state.clear()
    search = await searches.create_from_phrase(uow, user, message.text or "")
    await _created(message, search, uow, user, i18n)


@router.callback_query(MenuCb.filter(F.action == MenuAction.searches))
@router.callback_query(SearchCb.filter(F.action == SearchAction.list))
async def list_searches(
    query: CallbackQuery, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    own = await searches.list_own(uow, user)
    await edit(query, searches_text(own, i18n), searches_kb(own, i18n))
    await query.answer()


@router.callback_query(SearchCb.filter(F.action == SearchAction.phrase))
async def ask_phrase(query: CallbackQuery, i18n: I18n, state: FSMContext) -> None:
    await state.set_state(SearchStates.phrase)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.answer(i18n.get("search-ask-phrase"))


@router.callback_query(FeedCb.filter(F.action == FeedAction.save), flags=ONCE)
async def save_filters(
    query: CallbackQuery, uow: UnitOfWork, user: UserRecord, i18n: I18n,
    filter_store: FilterStore,
) -> None:
    filters, _ = await filter_store.load(user.id)
    search = await searches.create(uow, user, search_name(filters, i18n), filters)
    await query.answer(i18n.get("search-created", name=search.name))
    if isinstance(query.message, Message):
        await _created(query.message, search, uow, user, i18n)


@router.callback_query(SearchCb.filter(F.action.in_({SearchAction.pause, SearchAction.resume})))
async def pause_search(
    query: CallbackQuery, callback_data: SearchCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    paused = callback_data.action is SearchAction.pause
    await searches.set_paused(uow, user, callback_data.search_id, paused)
    own = await searches.list_own(uow, user)
    await edit(query, searches_text(own, i18n), searches_kb(own, i18n))
    await query.answer(i18n.get("search-paused" if paused else "search-resumed"))


@router.callback_query(SearchCb.filter(F.action == SearchAction.delete))
async def delete_search(
    query: CallbackQuery, callback_data: SearchCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await searches.delete(uow, user, callback_data.search_id)
    own = await searches.list_own(uow, user)
    await edit(query, searches_text(own, i18n), searches_kb(own, i18n))
    await query.answer(i18n.get("search-deleted"))
