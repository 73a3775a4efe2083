"""/my and /team: a page of requests with a stage filter; the pager walks the rest."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks_crm import MyCb
from bot.callbacks_pages import Listing, ListPageCb
from bot.handlers.common import edit
from bot.i18n import I18n
from bot.keyboards.crm_pipeline import my_requests_kb
from bot.keyboards.pager import Page, add_pager
from bot.views.crm import my_text
from crm import pipeline
from db.records.users import UserRecord
from db.uow import UnitOfWork
from vocabulary import STAGES

router = Router(name=__name__)


async def requests_view(
    uow: UnitOfWork, user: UserRecord, i18n: I18n, *, team: bool, stage: str | None = None,
    number: int = 0,
) -> tuple[str, InlineKeyboardMarkup]:
    """One page of the user's (or, `team`, the lead's team's) requests of `stage` or all."""
    counts = await pipeline.stage_counts(uow, user, team=team)
    page = Page(number, counts.get(stage, 0) if stage else sum(counts.values()))
    if team:
        cards = await pipeline.team_requests(uow, user, stage, limit=page.size,
                                             offset=page.offset)
    else:
        cards = (await pipeline.overview(uow, user, stage, limit=page.size,
                                         offset=page.offset)).cards
    builder = my_requests_kb(cards, STAGES, i18n, team=team)
    key = STAGES.index(stage) + 1 if stage else 0
    add_pager(builder, page, Listing.team if team else Listing.my, i18n, key)
    return my_text(cards, counts, i18n, team=team), builder.as_markup()


@router.message(Command("my"))
async def show_my(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    text, markup = await requests_view(uow, user, i18n, team=False)
    await message.answer(text, reply_markup=markup)


@router.message(Command("team"))
async def show_team(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    """Leads and admins: the team's requests; crm refuses managers (AccessDenied)."""
    text, markup = await requests_view(uow, user, i18n, team=True)
    await message.answer(text, reply_markup=markup)


@router.callback_query(MyCb.filter())
async def filter_requests(
    query: CallbackQuery, callback_data: MyCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    stage = callback_data.stage.value if callback_data.stage else None
    await edit(query, *await requests_view(uow, user, i18n, team=callback_data.team, stage=stage))
    await query.answer()


@router.callback_query(ListPageCb.filter(F.listing.in_({Listing.my, Listing.team})))
async def page_requests(
    query: CallbackQuery, callback_data: ListPageCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    key = callback_data.key
    stage = STAGES[key - 1] if 0 < key <= len(STAGES) else None
    await edit(query, *await requests_view(uow, user, i18n, team=callback_data.listing
                                           is Listing.team, stage=stage,
                                           number=callback_data.page))
    await query.answer()
