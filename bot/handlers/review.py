"""Admins: /review walks the cards the classifier marked for review, one tap to confirm."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.callbacks_review import ReviewAction, ReviewCb
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.review import review_kb
from bot.views.card import card_text
from crm import review_queue
from db.records.feed import CardRecord
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


def _screen(card: CardRecord | None, waiting: int, i18n: I18n, timezone: str) -> str:
    if card is None:
        return i18n.get("review-empty")
    return i18n.get("review-title", count=waiting) + "\n\n" + card_text(card, i18n, timezone)


@router.message(Command("review"))
async def cmd_review(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    card, waiting = await review_queue.next_card(uow, user)
    await message.answer(_screen(card, waiting, i18n, user.timezone),
                         reply_markup=review_kb(card.id, i18n) if card else None)


@router.callback_query(ReviewCb.filter())
async def review_step(
    query: CallbackQuery, callback_data: ReviewCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    if callback_data.action is ReviewAction.confirm:
        await review_queue.confirm(uow, user, callback_data.card_id)
    card, waiting = await review_queue.next_card(uow, user, after_id=callback_data.card_id)
    if card is not None and card.id == callback_data.card_id:
        card = None  # skipping the only card left: nothing else to show
    await edit(query, _screen(card, waiting, i18n, user.timezone),
               review_kb(card.id, i18n) if card else None)
    await query.answer(i18n.get("review-confirmed")
                       if callback_data.action is ReviewAction.confirm else None)
