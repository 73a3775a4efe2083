"""A lead hands a card of the team to another member: the picker, then the card again."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import PipeAction, PipeCb
from bot.callbacks_teams import ReassignCb
from bot.handlers.common import edit
from bot.handlers.crm_pipeline import show_in_place
from bot.i18n import I18n
from crm import pipeline, teams
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
NAME_MAX = 30


@router.callback_query(ReassignCb.filter(F.user_id == 0))
async def pick_member(
    query: CallbackQuery, callback_data: ReassignCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    card = await pipeline.get(uow, user, callback_data.card_id)
    people = await teams.members(uow, user, card.team_id if card.team_id else user.team_id)
    builder = InlineKeyboardBuilder()
    for person in people:
        if person.id != card.owner_user_id:
            builder.button(text=person.first_name[:NAME_MAX], callback_data=ReassignCb(
                card_id=card.id, user_id=person.id))
    builder.button(text=i18n.get("crm-back"),
                   callback_data=PipeCb(action=PipeAction.open, card_id=card.id))
    builder.adjust(2)
    await edit(query, i18n.get("crm-card-reassign-pick", id=card.id), builder.as_markup())
    await query.answer()


@router.callback_query(ReassignCb.filter(F.user_id > 0))
async def reassign_card(
    query: CallbackQuery, callback_data: ReassignCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    await teams.reassign(uow, user, callback_data.card_id, callback_data.user_id)
    await show_in_place(query, uow, user, callback_data.card_id, i18n)
    target = next(p for p in await teams.members(uow, user, None if user.is_admin
                                                 else user.team_id)
                  if p.id == callback_data.user_id)
    await query.answer(i18n.get("crm-card-reassigned", name=target.first_name))
