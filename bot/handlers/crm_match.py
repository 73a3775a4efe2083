"""The matching screen of a request: ranked bench developers with reasons, Propose."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.callbacks_crm import PipeAction, PipeCb, ProposeCb
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.crm_interview import days_kb
from bot.keyboards.crm_match import matches_kb
from bot.middlewares.once import ONCE
from bot.views.crm import matches_text
from crm import proposals
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


@router.callback_query(PipeCb.filter(F.action == PipeAction.match))
async def show_matches(
    query: CallbackQuery, callback_data: PipeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    found = await proposals.for_request(uow, user, callback_data.card_id)
    await edit(query, matches_text(f"#{callback_data.card_id}", found, i18n),
               matches_kb(callback_data.card_id, found, i18n))
    await query.answer()


@router.callback_query(ProposeCb.filter(), flags=ONCE)
async def propose_developer(
    query: CallbackQuery, callback_data: ProposeCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    submission = await proposals.propose(
        uow, user, callback_data.card_id, callback_data.developer_id
    )
    today = datetime.now(ZoneInfo(user.timezone)).date()
    if isinstance(query.message, Message):
        await query.message.answer(i18n.get("crm-proposed-pick-day"),
                                   reply_markup=days_kb(submission.id, today, i18n))
    await query.answer(i18n.get("crm-proposed"))
