"""Card buttons: full text, take into work, hide, and label corrections."""

from __future__ import annotations

import time

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.callbacks import CardAction, CardCb, CorrectCb
from bot.callbacks_ui import UndoAction, UndoCb
from bot.handlers import full_text
from bot.handlers.common import edit, edit_markup
from bot.i18n import I18n
from bot.keyboards.card import CORRECT_OPTIONS, card_kb, correct_fields_kb, correct_values_kb
from bot.keyboards.undo import undo_kb
from bot.views.card import card_text
from bot.views.corrections import corrections_text
from crm import cards, correction_export, corrections
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


@router.callback_query(CardCb.filter(F.action == CardAction.full))
async def show_full_text(
    query: CallbackQuery, callback_data: CardCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    # In the card's place, with a way back: a separate message would be a dead end.
    await full_text.show_full_text(query, uow, user, callback_data.card_id, i18n)
    await query.answer()


@router.callback_query(CardCb.filter(F.action == CardAction.take))
async def take_card(
    query: CallbackQuery, callback_data: CardCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    card = await cards.take(uow, user, callback_data.card_id)
    await edit(query, card_text(card, i18n, user.timezone), card_kb(card, i18n, user.id))
    await query.answer(i18n.get("card-taken"))


@router.callback_query(CardCb.filter(F.action == CardAction.hide))
async def hide_card(
    query: CallbackQuery, callback_data: CardCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await cards.hide(uow, user, callback_data.card_id)
    await edit(query, i18n.get("card-hidden"),
               undo_kb(UndoAction.unhide, callback_data.card_id, i18n))
    await query.answer()


@router.callback_query(UndoCb.filter(F.action == UndoAction.unhide))
async def undo_hide(
    query: CallbackQuery, callback_data: UndoCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    if time.time() > callback_data.until:
        await edit(query, i18n.get("card-hidden"))  # the offer is over: no button left
        await query.answer(i18n.get("undo-too-late"), show_alert=True)
        return
    card = await cards.unhide(uow, user, callback_data.target_id)
    await edit(query, card_text(card, i18n, user.timezone), card_kb(card, i18n, user.id))
    await query.answer(i18n.get("card-unhidden"))


@router.callback_query(CardCb.filter(F.action.in_({CardAction.correct, CardAction.back})))
async def open_corrections(
    query: CallbackQuery, callback_data: CardCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    if callback_data.action is CardAction.correct:
        card, history = await correction_export.card_history(uow, user, callback_data.card_id)
        await edit(query, corrections_text(card, history, i18n, user.timezone),
                   correct_fields_kb(card, i18n))
    else:
        card = await cards.get(uow, user, callback_data.card_id)
        # Back may come from the full text or the CRM card: the text is redrawn too.
        await edit(query, card_text(card, i18n, user.timezone), card_kb(card, i18n, user.id))
    await query.answer()


@router.callback_query(CorrectCb.filter(F.index < 0))
async def open_correction_field(
    query: CallbackQuery, callback_data: CorrectCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    card = await cards.get(uow, user, callback_data.card_id)
    await edit_markup(query, correct_values_kb(card, callback_data.field, i18n))
    await query.answer()


@router.callback_query(CorrectCb.filter(F.index >= 0))
async def correct_label(
    query: CallbackQuery, callback_data: CorrectCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    field = callback_data.field
    values = CORRECT_OPTIONS[field]
    if callback_data.index >= len(values):
        await query.answer()
        return
    await corrections.correct(
        uow, user, callback_data.card_id, field.value, values[callback_data.index]
    )
    card, history = await correction_export.card_history(uow, user, callback_data.card_id)
    await edit(query, corrections_text(card, history, i18n, user.timezone),
               correct_values_kb(card, field, i18n))
    await query.answer(i18n.get("card-corrected"))
