"""The matching screen of a request: ranked bench developers with reasons, paged; Propose,
then the choice of scheduling the interview now or later."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup

from bot.callbacks_crm import PipeAction, PipeCb, ProposeCb
from bot.callbacks_pages import Listing, ListPageCb
from bot.callbacks_proposal import ScheduleCb
from bot.handlers.common import edit
from bot.handlers.crm_pipeline import show_in_place
from bot.i18n import I18n
from bot.keyboards.crm_interview import days_kb
from bot.keyboards.crm_match import MATCHES_PAGE, matches_kb, proposed_kb
from bot.keyboards.pager import Page
from bot.middlewares.once import ONCE
from bot.views.crm import esc, matches_text
from crm import agenda, bench, dossier, proposals
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
MATCHES_MAX = 50  # the best fifty are worth paging through; below that the fit is noise


async def matches_view(
    uow: UnitOfWork, user: UserRecord, card_id: int, number: int, i18n: I18n
) -> tuple[str, InlineKeyboardMarkup]:
    found = await proposals.for_request(uow, user, card_id, limit=MATCHES_MAX)
    page = Page(number, len(found), size=MATCHES_PAGE)
    shown = page.slice(found)
    card = await dossier.card_dossier(uow, user, card_id)
    proposed = {s.developer_id for s, _ in card.proposals}
    return (matches_text(f"#{card_id}", shown, i18n, first=page.offset + 1),
            matches_kb(card_id, shown, page, i18n, proposed))


@router.callback_query(PipeCb.filter(F.action == PipeAction.match))
async def show_matches(
    query: CallbackQuery, callback_data: PipeCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    await edit(query, *await matches_view(uow, user, callback_data.card_id, 0, i18n))
    await query.answer()


@router.callback_query(ListPageCb.filter(F.listing == Listing.matches))
async def page_matches(
    query: CallbackQuery, callback_data: ListPageCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    await edit(query, *await matches_view(uow, user, callback_data.key, callback_data.page,
                                          i18n))
    await query.answer()


@router.callback_query(ProposeCb.filter(), flags=ONCE)
async def propose_developer(
    query: CallbackQuery, callback_data: ProposeCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    submission = await proposals.propose(
        uow, user, callback_data.card_id, callback_data.developer_id
    )
    developer = await bench.get(uow, user, submission.developer_id)
    await edit(query, i18n.get("crm-proposed-next", developer=esc(developer.name),
                               id=submission.request_id),
               proposed_kb(submission.id, i18n))
    await query.answer(i18n.get("crm-proposed"))


@router.callback_query(ScheduleCb.filter(~F.later))
async def open_day_picker(
    query: CallbackQuery, callback_data: ScheduleCb, user: UserRecord, i18n: I18n
) -> None:
    """'Schedule an interview' after proposing: the date picker in the same message."""
    today = datetime.now(ZoneInfo(user.timezone)).date()
    await edit(query, i18n.get("crm-proposed-pick-day"),
               days_kb(callback_data.submission_id, today, i18n))
    await query.answer()


@router.callback_query(ScheduleCb.filter(F.later))
async def schedule_later(
    query: CallbackQuery, callback_data: ScheduleCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    card_id = await agenda.request_of(uow, user, callback_data.submission_id)
    await show_in_place(query, uow, user, card_id, i18n)
    await query.answer(i18n.get("crm-proposed-later-said"), show_alert=True)
