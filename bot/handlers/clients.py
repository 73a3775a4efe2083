"""/clients with lifecycle and segment filters, the client card, owner/rename/merge/contact."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks_clients import ClientsCb, ProfileAction, ProfileCb, SplitCb
from bot.handlers.common import ask, edit, edit_markup
from bot.i18n import I18n
from bot.keyboards.clients import clients_kb, profile_kb, segment_picker_kb, split_kb
from bot.views.clients import clients_text, profile_text
from crm import client_views, clients
from crm.errors import CrmInputError
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


class ClientEditStates(StatesGroup):
    rename = State()
    merge = State()
    contact = State()


@router.message(Command("clients"))
async def show_clients(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    page = await client_views.listing(uow, user)
    await message.answer(clients_text(page, i18n), reply_markup=clients_kb(page, None, None, i18n))


@router.callback_query(ClientsCb.filter())
async def page_clients(
    query: CallbackQuery, callback_data: ClientsCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    lifecycle, segment = callback_data.lifecycle, callback_data.segment
    if callback_data.pick_segment:
        await edit_markup(query, segment_picker_kb(lifecycle, i18n))
        await query.answer()
        return
    page = await client_views.listing(
        uow, user, page=callback_data.page, lifecycle=lifecycle.value if lifecycle else None,
        segment=segment.value if segment else None,
    )
    await edit(query, clients_text(page, i18n), clients_kb(page, lifecycle, segment, i18n))
    await query.answer()


async def _show(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n,
                client_id: int) -> None:
    view = await client_views.profile(uow, user, client_id)
    await message.answer(profile_text(view, i18n), reply_markup=profile_kb(view, user.id, i18n))


@router.callback_query(ProfileCb.filter(F.action == ProfileAction.open))
async def open_client(
    query: CallbackQuery, callback_data: ProfileCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    view = await client_views.profile(uow, user, callback_data.client_id)
    await edit(query, profile_text(view, i18n), profile_kb(view, user.id, i18n))
    await query.answer()


@router.callback_query(ProfileCb.filter(F.action == ProfileAction.take))
async def take_client(
    query: CallbackQuery, callback_data: ProfileCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    view = await client_views.assign_owner(uow, user, callback_data.client_id)
    await edit(query, profile_text(view, i18n), profile_kb(view, user.id, i18n))
    await query.answer(i18n.get("clients-taken"))


_PROMPTS = {ProfileAction.rename: (ClientEditStates.rename, "clients-ask-name"),
            ProfileAction.merge: (ClientEditStates.merge, "clients-ask-merge"),
            ProfileAction.contact: (ClientEditStates.contact, "clients-ask-contact")}


@router.callback_query(ProfileCb.filter(F.action.in_(set(_PROMPTS))))
async def ask_edit(
    query: CallbackQuery, callback_data: ProfileCb, state: FSMContext, i18n: I18n
) -> None:
    waiting_for, prompt = _PROMPTS[callback_data.action]
    await ask(query, state, waiting_for, i18n.get(prompt), i18n, client_id=callback_data.client_id)


@router.message(ClientEditStates.rename, F.text)
async def save_name(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    client_id = int((await state.get_data())["client_id"])
    await client_views.rename(uow, user, client_id, message.text or "")
    await state.clear()
    await _show(message, uow, user, i18n, client_id)


@router.message(ClientEditStates.merge, F.text)
async def save_merge(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    client_id = int((await state.get_data())["client_id"])
    raw = (message.text or "").strip().lstrip("#")
    if not raw.isdigit() or len(raw) > 12:
        raise CrmInputError("bad_client_number", raw)
    await client_views.merge(uow, user, client_id, int(raw))
    await state.clear()
    await _show(message, uow, user, i18n, client_id)


@router.message(ClientEditStates.contact, F.text)
async def save_contact(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    client_id = int((await state.get_data())["client_id"])
    raw = (message.text or "").strip()
    kind = "email" if "@" in raw.strip("@") else "phone" if raw.lstrip("+")[:1].isdigit() \
        else "telegram"
    added = await clients.add_contact(uow, user, client_id, kind, raw)
    await state.clear()
    if not added:
        await message.answer(i18n.get("clients-contact-taken"))
    await _show(message, uow, user, i18n, client_id)


@router.callback_query(ProfileCb.filter(F.action == ProfileAction.split_off))
async def pick_split(
    query: CallbackQuery, callback_data: ProfileCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    keys = await client_views.split_keys(uow, user, callback_data.client_id)
    text = i18n.get("clients-split-ask" if len(keys) > 1 else "clients-split-none")
    await edit(query, text, split_kb(callback_data.client_id, keys if len(keys) > 1 else [],
                                     i18n))
    await query.answer()


@router.callback_query(SplitCb.filter())
async def split_client(
    query: CallbackQuery, callback_data: SplitCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    new_id = await client_views.split(uow, user, callback_data.client_id, callback_data.index)
    view = await client_views.profile(uow, user, new_id)
    await edit(query, profile_text(view, i18n), profile_kb(view, user.id, i18n))
    await query.answer(i18n.get("clients-split-done"))
