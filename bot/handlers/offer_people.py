"""'To the bench' on an offer listing several people: one draft per person to confirm."""

from __future__ import annotations

import html

from aiogram import Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_bench import OfferPersonCb
from bot.callbacks_crm import BenchAction, BenchCb, OfferCb
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.crm_bench import developer_kb
from bot.middlewares.once import ONCE
from bot.views.crm import developer_text
from bot.views.labels import amount
from crm import bench
from crm.offer_people import OfferPerson
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


def draft_view(card_id: int, people: list[OfferPerson], index: int, i18n: I18n
               ) -> tuple[str, InlineKeyboardMarkup]:
    builder = InlineKeyboardBuilder()
    if index >= len(people):
        builder.button(text=i18n.get("offer-people-to-bench"),
                       callback_data=BenchCb(action=BenchAction.page))
        return i18n.get("offer-people-done", total=len(people)), builder.as_markup()
    person = people[index]
    lines = [i18n.get("offer-people-draft", n=index + 1, total=len(people), id=card_id),
             f"<b>{html.escape(person.name)}</b>"]
    if person.grade:
        lines.append(i18n.get("card-grades", grades=i18n.get(f"grade-{person.grade}")))
    if person.stack:
        lines.append(i18n.get("card-stack", stack=html.escape(", ".join(person.stack))))
    if person.rate_min is not None:
        lines.append(i18n.get("offer-people-rate", rate=amount(person.rate_min),
                              currency=person.rate_currency or "",
                              period=i18n.get(f"per-{person.rate_period or 'month'}")))
    builder.button(text=i18n.get("offer-people-keep"),
                   callback_data=OfferPersonCb(card_id=card_id, index=index, keep=True))
    builder.button(text=i18n.get("offer-people-skip"),
                   callback_data=OfferPersonCb(card_id=card_id, index=index))
    builder.adjust(2)
    return "\n".join(lines), builder.as_markup()


@router.callback_query(OfferCb.filter())
async def offer_to_bench(
    query: CallbackQuery, callback_data: OfferCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    people = await bench.offer_people(uow, user, callback_data.card_id)
    if len(people) >= 2:
        if isinstance(query.message, Message):
            text, markup = draft_view(callback_data.card_id, people, 0, i18n)
            await query.message.answer(text, reply_markup=markup)
        await query.answer()
        return
    dev = await bench.from_offer(uow, user, callback_data.card_id)
    if isinstance(query.message, Message):
        await query.message.answer(developer_text(dev, i18n), reply_markup=developer_kb(dev, i18n))
    await query.answer(i18n.get("crm-bench-added"))


@router.callback_query(OfferPersonCb.filter(), flags=ONCE)
async def confirm_person(
    query: CallbackQuery, callback_data: OfferPersonCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    if callback_data.keep:
        await bench.add_offer_person(uow, user, callback_data.card_id, callback_data.index)
    people = await bench.offer_people(uow, user, callback_data.card_id)
    await edit(query, *draft_view(callback_data.card_id, people, callback_data.index + 1, i18n))
    await query.answer(i18n.get("crm-bench-added") if callback_data.keep else None)
