"""Saved searches: from the current filters or a phrase; pause, resume, delete, and whether
their pushes offer "Reach out"."""

from __future__ import annotations

import html

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import FeedAction, FeedCb, MenuAction, MenuCb, SearchAction, SearchCb
from bot.callbacks_outreach import SearchOfferAction, SearchOfferCb
from bot.callbacks_pages import Listing, ListPageCb
from bot.feed_filters import FilterStore
from bot.handlers.common import edit, send_prompt
from bot.i18n import I18n
from bot.keyboards.pager import Page, with_pager
from bot.keyboards.searches import searches_kb
from bot.keyboards.undo import confirm_delete_search_kb
from bot.middlewares.once import ONCE
from bot.views.feed import filters_text
from bot.views.searches import search_name, searches_text
from crm import searches
from crm.errors import AccessDenied
from db.records.searches import SavedSearchRecord
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


class SearchStates(StatesGroup):
    phrase = State()
SEARCHES_PAGE = 10
# A callback answer holds 200 characters: the name is cut to leave room for the sentence.
NAME_SHOWN = 40


async def _created(
    message: Message, search: SavedSearchRecord, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    created = i18n.get("search-created", name=html.escape(search.name))
    _, markup = await searches_view(uow, user, i18n)
    text = created + "\n\n" + filters_text(search.filters, i18n)
    await message.answer(text, reply_markup=markup)


async def searches_view(
    uow: UnitOfWork, user: UserRecord, i18n: I18n, number: int = 0
) -> tuple[str, InlineKeyboardMarkup]:
    own = await searches.list_own(uow, user)
    page = Page(number, len(own), size=SEARCHES_PAGE)
    shown = page.slice(own)
    return searches_text(shown, i18n), with_pager(searches_kb(shown, i18n), page,
                                                  Listing.searches, i18n)


@router.message(Command("searches"))
async def cmd_searches(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    text, markup = await searches_view(uow, user, i18n)
    await message.answer(text, reply_markup=markup)


@router.message(Command("search"))
async def cmd_search(
    message: Message, command: CommandObject, uow: UnitOfWork, user: UserRecord, i18n: I18n,
    state: FSMContext,
) -> None:
    if not command.args:
        await state.set_state(SearchStates.phrase)
        await send_prompt(message, i18n.get("search-ask-phrase"), i18n)
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
@router.callback_query(ListPageCb.filter(F.listing == Listing.searches))
async def list_searches(
    query: CallbackQuery, uow: UnitOfWork, user: UserRecord, i18n: I18n,
    callback_data: object = None,
) -> None:
    number = callback_data.page if isinstance(callback_data, ListPageCb) else 0
    await edit(query, *await searches_view(uow, user, i18n, number))
    await query.answer()


@router.callback_query(SearchCb.filter(F.action == SearchAction.phrase))
async def ask_phrase(query: CallbackQuery, i18n: I18n, state: FSMContext) -> None:
    await state.set_state(SearchStates.phrase)
    await query.answer()
    if isinstance(query.message, Message):
        await send_prompt(query.message, i18n.get("search-ask-phrase"), i18n)


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
    await edit(query, *await searches_view(uow, user, i18n))
    await query.answer(i18n.get("search-paused" if paused else "search-resumed"))


@router.callback_query(SearchOfferCb.filter())
async def offer_outreach(
    query: CallbackQuery, callback_data: SearchOfferCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    offer = callback_data.action is SearchOfferAction.on
    search = await searches.set_offer_outreach(uow, user, callback_data.search_id, offer)
    await edit(query, *await searches_view(uow, user, i18n))
    await query.answer(i18n.get("search-outreach-offered" if offer else "search-outreach-dropped",
                                name=search.name[:NAME_SHOWN]))


@router.callback_query(SearchCb.filter(F.action == SearchAction.delete))
async def confirm_delete_search(
    query: CallbackQuery, callback_data: SearchCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    found = next((s for s in await searches.list_own(uow, user)
                  if s.id == callback_data.search_id), None)
    if found is None:
        raise AccessDenied(f"search {callback_data.search_id}")  # answered by handlers/errors
    await edit(query, i18n.get("search-delete-ask", name=html.escape(found.name)),
               confirm_delete_search_kb(found.id, i18n))
    await query.answer()


@router.callback_query(SearchCb.filter(F.action == SearchAction.delete_confirmed))
async def delete_search(
    query: CallbackQuery, callback_data: SearchCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await searches.delete(uow, user, callback_data.search_id)
    await edit(query, *await searches_view(uow, user, i18n))
    await query.answer(i18n.get("search-deleted"))
