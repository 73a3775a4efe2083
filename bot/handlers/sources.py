"""Admins: the sources the collector reads, their health; add one, enable or disable it.

Members reach this router (a manager's /sources is refused, not hinted at): crm.sources checks
the admin right and raises AccessDenied, and its refusals are answered by handlers/errors.py.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks_pages import Listing, ListPageCb
from bot.callbacks_sources import SourceAction, SourceCb
from bot.handlers.common import edit, send_prompt
from bot.i18n import I18n
from bot.keyboards.pager import Page
from bot.keyboards.sources import sources_kb
from bot.views.sources import PAGE_SIZE, page_of, source_name, sources_text
from crm import sources
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


class SourceStates(StatesGroup):
    ref = State()


async def _screen(
    uow: UnitOfWork, user: UserRecord, i18n: I18n, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    found = await sources.list_sources(uow, by=user)
    shown, page, pages = page_of(found, page)
    text = sources_text(shown, len(found), page, pages, i18n, user.timezone, datetime.now(UTC))
    return text, sources_kb(shown, Page(page, len(found), size=PAGE_SIZE), i18n)


async def _add(message: Message, ref: str, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    source = await sources.add(uow, ref, by=user)
    text, markup = await _screen(uow, user, i18n, page=0)
    added = i18n.get("source-added", name=html.escape(source_name(source, i18n)))
    await message.answer(added + "\n\n" + text, reply_markup=markup)


@router.message(Command("sources"))
async def cmd_sources(
    message: Message, command: CommandObject, uow: UnitOfWork, user: UserRecord, i18n: I18n,
    state: FSMContext,
) -> None:
    sources.authorize(user)
    verb, _, ref = (command.args or "").strip().partition(" ")
    if verb.lower() != "add":
        text, markup = await _screen(uow, user, i18n, page=0)
        await message.answer(text, reply_markup=markup)
        return
    if not ref.strip():
        await state.set_state(SourceStates.ref)
        await send_prompt(message, i18n.get("sources-ask-ref"), i18n)
        return
    await _add(message, ref, uow, user, i18n)


@router.message(SourceStates.ref, F.text)
async def ref_entered(
    message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n, state: FSMContext
) -> None:
    await state.clear()
    await _add(message, message.text or "", uow, user, i18n)


@router.callback_query(SourceCb.filter(F.action == SourceAction.page))
@router.callback_query(ListPageCb.filter(F.listing == Listing.sources))
async def show_sources(
    query: CallbackQuery, callback_data: SourceCb | ListPageCb, uow: UnitOfWork,
    user: UserRecord, i18n: I18n,
) -> None:
    text, markup = await _screen(uow, user, i18n, callback_data.page)
    await edit(query, text, markup)
    await query.answer()


@router.callback_query(SourceCb.filter(F.action == SourceAction.add))
async def ask_ref(query: CallbackQuery, user: UserRecord, i18n: I18n, state: FSMContext) -> None:
    sources.authorize(user)
    await state.set_state(SourceStates.ref)
    await query.answer()
    if isinstance(query.message, Message):
        await send_prompt(query.message, i18n.get("sources-ask-ref"), i18n)


@router.callback_query(
    SourceCb.filter(F.action.in_({SourceAction.enable, SourceAction.disable}))
)
async def toggle_source(
    query: CallbackQuery, callback_data: SourceCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    enabled = callback_data.action is SourceAction.enable
    await sources.set_enabled(uow, callback_data.source_id, enabled=enabled, by=user)
    text, markup = await _screen(uow, user, i18n, callback_data.page)
    await edit(query, text, markup)
    await query.answer(i18n.get("source-enabled" if enabled else "source-disabled"))
