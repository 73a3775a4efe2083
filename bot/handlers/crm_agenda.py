"""/interviews: the week's interviews of the user's cards (a lead's: the team's), paged."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import PipeAction, PipeCb
from bot.callbacks_pages import Listing, ListPageCb
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.pager import Page, add_pager, page_label
from bot.views.card import format_local
from bot.views.crm import esc
from crm import agenda
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
PAGE = 10
TITLE_MAX = 30


async def agenda_view(
    uow: UnitOfWork, user: UserRecord, number: int, i18n: I18n
) -> tuple[str, InlineKeyboardMarkup]:
    found = await agenda.week(uow, user)
    page = Page(number, len(found), size=PAGE)
    lines = [i18n.get("crm-agenda-title", total=len(found))]
    if not found:
        lines.append(i18n.get("crm-agenda-empty"))
    elif page.has_prev or page.has_next:
        lines.append(page_label(page, i18n))
    builder = InlineKeyboardBuilder()
    for interview, developer, title in page.slice(found):
        when = format_local(interview.scheduled_at, user.timezone)
        outcome = (i18n.get(f"crm-outcome-{interview.outcome}") if interview.outcome
                   else i18n.get("crm-card-pending"))
        lines.append(i18n.get("crm-agenda-line", when=when, developer=esc(developer),
                              title=esc(title), id=interview.request_id, outcome=outcome))
        builder.button(text=f"{when} · {developer[:TITLE_MAX]}", callback_data=PipeCb(
            action=PipeAction.open, card_id=interview.request_id))
    builder.adjust(1)
    add_pager(builder, page, Listing.interviews, i18n)
    return "\n".join(lines), builder.as_markup()


@router.message(Command("interviews"))
async def show_agenda(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    text, markup = await agenda_view(uow, user, 0, i18n)
    await message.answer(text, reply_markup=markup)


@router.callback_query(ListPageCb.filter(F.listing == Listing.interviews))
async def page_agenda(
    query: CallbackQuery, callback_data: ListPageCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    await edit(query, *await agenda_view(uow, user, callback_data.page, i18n))
    await query.answer()
