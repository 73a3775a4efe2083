"""The pipeline card: take, stage moves, lost + reason, notes, client, interviews, /my, /team."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks_crm import LostCb, MyCb, PipeAction, PipeCb, StageCb
from bot.handlers.common import ask, edit, edit_markup
from bot.i18n import I18n
from bot.keyboards.crm_interview import outcomes_kb
from bot.keyboards.crm_notes import client_kb
from bot.keyboards.crm_pipeline import lost_reasons_kb, my_requests_kb, pipeline_kb
from bot.views.crm import client_text, interview_text, my_text, pipeline_text
from crm import clients, interviews, notes, pipeline
from db.models.enums import STAGES
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
TEAM_SHOWN = 20


class NoteStates(StatesGroup):
    text = State()


@router.message(Command("my"))
async def show_my(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    found = await pipeline.overview(uow, user)
    await message.answer(my_text(found.cards, found.counts, i18n),
                         reply_markup=my_requests_kb(found.cards, STAGES, i18n))


@router.message(Command("team"))
async def show_team(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    """Leads and admins: the team's requests; crm refuses managers (AccessDenied)."""
    counts = await pipeline.stage_counts(uow, user, team=True)
    cards = await pipeline.team_requests(uow, user, limit=TEAM_SHOWN)
    await message.answer(my_text(cards, counts, i18n, team=True),
                         reply_markup=my_requests_kb(cards, STAGES, i18n, team=True))


@router.callback_query(MyCb.filter(F.team))
async def filter_team(
    query: CallbackQuery, callback_data: MyCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    stage = callback_data.stage.value if callback_data.stage else None
    counts = await pipeline.stage_counts(uow, user, team=True)
    cards = await pipeline.team_requests(uow, user, stage, limit=TEAM_SHOWN)
    await edit(query, my_text(cards, counts, i18n, team=True),
               my_requests_kb(cards, STAGES, i18n, team=True))
    await query.answer()


@router.callback_query(MyCb.filter())
async def filter_my(
    query: CallbackQuery, callback_data: MyCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    stage = callback_data.stage.value if callback_data.stage else None
    found = await pipeline.overview(uow, user, stage)
    await edit(query, my_text(found.cards, found.counts, i18n),
               my_requests_kb(found.cards, STAGES, i18n))
    await query.answer()


@router.message(Command("req"))
async def open_request(
    message: Message, command: CommandObject, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    if not (command.args or "").strip().isdigit():
        await message.answer(i18n.get("crm-req-usage"))
        return
    card = await pipeline.get(uow, user, int((command.args or "").strip()))
    await message.answer(pipeline_text(card, i18n, user.timezone),
                         reply_markup=pipeline_kb(card, i18n))


@router.callback_query(PipeCb.filter(F.action == PipeAction.open))
async def show_card(
    query: CallbackQuery, callback_data: PipeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    card = await pipeline.get(uow, user, callback_data.card_id)
    await edit(query, pipeline_text(card, i18n, user.timezone), pipeline_kb(card, i18n))
    await query.answer()


@router.callback_query(PipeCb.filter(F.action == PipeAction.take))
async def take_request(
    query: CallbackQuery, callback_data: PipeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    card = await pipeline.take(uow, user, callback_data.card_id)
    await edit(query, pipeline_text(card, i18n, user.timezone), pipeline_kb(card, i18n))
    await query.answer(i18n.get("card-taken"))


@router.callback_query(StageCb.filter())
async def move_stage(
    query: CallbackQuery, callback_data: StageCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    card = await pipeline.move(uow, user, callback_data.card_id, callback_data.stage.value)
    await edit(query, pipeline_text(card, i18n, user.timezone), pipeline_kb(card, i18n))
    await query.answer(i18n.get("crm-moved", stage=i18n.get(f"stage-{card.stage}")))


@router.callback_query(PipeCb.filter(F.action == PipeAction.lost))
async def ask_lost_reason(query: CallbackQuery, callback_data: PipeCb, i18n: I18n) -> None:
    await edit_markup(query, lost_reasons_kb(callback_data.card_id, i18n))
    await query.answer(i18n.get("crm-lost-ask"))


@router.callback_query(LostCb.filter())
async def mark_lost(
    query: CallbackQuery, callback_data: LostCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    card = await pipeline.move(uow, user, callback_data.card_id, "lost",
                               callback_data.reason.value)
    await edit(query, pipeline_text(card, i18n, user.timezone), pipeline_kb(card, i18n))
    await query.answer()


@router.callback_query(PipeCb.filter(F.action == PipeAction.note))
async def ask_note(
    query: CallbackQuery, callback_data: PipeCb, state: FSMContext, i18n: I18n
) -> None:
    await ask(query, state, NoteStates.text, i18n.get("crm-note-ask"), i18n,
              card_id=callback_data.card_id)


@router.message(NoteStates.text, F.text)
async def save_note(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    card_id = int((await state.get_data())["card_id"])
    await state.clear()
    await notes.add_note(uow, user, card_id, message.text or "")
    await message.answer(i18n.get("crm-note-saved"))


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
