"""The pipeline card: open, take, stage moves, lost + reason, notes, client, interviews."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks_crm import LostCb, PipeAction, PipeCb, StageCb
from bot.handlers.asking import AskAndSave
from bot.handlers.common import edit, edit_markup
from bot.i18n import I18n
from bot.keyboards.crm_interview import outcomes_kb
from bot.keyboards.crm_notes import client_kb
from bot.keyboards.crm_pipeline import lost_reasons_kb
from bot.keyboards.dossier import dossier_kb
from bot.views.crm import client_text, interview_text
from bot.views.dossier import dossier_text
from crm import clients, dossier, interviews, notes, pipeline
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


class NoteStates(StatesGroup):
    text = State()


# An empty note ends the prompt (the refusal says why); the card is one tap away.
NOTE = AskAndSave(NoteStates.text, "crm-note-ask", "card_id", retry=False)


async def card_view(
    uow: UnitOfWork, user: UserRecord, card_id: int, i18n: I18n
) -> tuple[str, InlineKeyboardMarkup]:
    """The CRM card as the viewer may see it, with only the buttons they may press."""
    found = await dossier.card_dossier(uow, user, card_id)
    return dossier_text(found, i18n, user.timezone), dossier_kb(found, user, i18n)


async def show_in_place(
    query: CallbackQuery, uow: UnitOfWork, user: UserRecord, card_id: int, i18n: I18n
) -> None:
    await edit(query, *await card_view(uow, user, card_id, i18n))


@router.message(Command("req"))
async def open_request(
    message: Message, command: CommandObject, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    if not (command.args or "").strip().isdigit():
        await message.answer(i18n.get("crm-req-usage"))
        return
    text, markup = await card_view(uow, user, int((command.args or "").strip()), i18n)
    await message.answer(text, reply_markup=markup)


@router.callback_query(PipeCb.filter(F.action == PipeAction.open))
async def show_card(
    query: CallbackQuery, callback_data: PipeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await show_in_place(query, uow, user, callback_data.card_id, i18n)
    await query.answer()


@router.callback_query(PipeCb.filter(F.action == PipeAction.take))
async def take_request(
    query: CallbackQuery, callback_data: PipeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await pipeline.take(uow, user, callback_data.card_id)
    await show_in_place(query, uow, user, callback_data.card_id, i18n)
    await query.answer(i18n.get("card-taken"))


@router.callback_query(StageCb.filter())
async def move_stage(
    query: CallbackQuery, callback_data: StageCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    card = await pipeline.move(uow, user, callback_data.card_id, callback_data.stage.value)
    await show_in_place(query, uow, user, card.id, i18n)
    await query.answer(i18n.get("crm-moved", stage=i18n.get(f"stage-{card.stage}")))


@router.callback_query(PipeCb.filter(F.action == PipeAction.lost))
async def ask_lost_reason(
    query: CallbackQuery, callback_data: PipeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await pipeline.editable(uow, user, callback_data.card_id)  # refuses before the reasons
    await edit_markup(query, lost_reasons_kb(callback_data.card_id, i18n))
    await query.answer(i18n.get("crm-lost-ask"))


@router.callback_query(LostCb.filter())
async def mark_lost(
    query: CallbackQuery, callback_data: LostCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await pipeline.move(uow, user, callback_data.card_id, "lost", callback_data.reason.value)
    await show_in_place(query, uow, user, callback_data.card_id, i18n)
    await query.answer()


@router.callback_query(PipeCb.filter(F.action == PipeAction.note))
async def ask_note(
    query: CallbackQuery, callback_data: PipeCb, state: FSMContext, i18n: I18n
) -> None:
    await NOTE.ask(query, state, i18n, callback_data.card_id)


@router.message(NoteStates.text, F.text)
async def save_note(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    async with NOTE.saving(state) as card_id:
        await notes.add_note(uow, user, card_id, message.text or "")
    await message.answer(i18n.get("crm-note-saved"), reply_markup=back_to_card_kb(card_id, i18n))


def back_to_card_kb(card_id: int, i18n: I18n) -> InlineKeyboardMarkup:
    back = PipeCb(action=PipeAction.open, card_id=card_id).pack()
    return InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=i18n.get("crm-full-back"), callback_data=back)]])


@router.callback_query(PipeCb.filter(F.action == PipeAction.client))
async def show_client(
    query: CallbackQuery, callback_data: PipeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    view = await clients.for_card(uow, user, callback_data.card_id)
    if isinstance(query.message, Message):
        await query.message.answer(client_text(view, i18n),
                                   reply_markup=client_kb(view.client.id, i18n))
    await query.answer()


@router.callback_query(PipeCb.filter(F.action == PipeAction.interviews))
async def show_interviews(
    query: CallbackQuery, callback_data: PipeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    found = await interviews.of_request(uow, user, callback_data.card_id)
    text = "\n".join(interview_text(i, i18n) for i in found) or i18n.get("crm-interviews-none")
    if isinstance(query.message, Message):
        await query.message.answer(text, reply_markup=outcomes_kb(found, i18n))
    await query.answer()
