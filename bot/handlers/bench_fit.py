"""Bench-fit pushes' buttons (not a fit, open the request, a digest's items), /fits and its
prefs. Propose is the existing proposal flow (ProposeCb in crm_match)."""

from __future__ import annotations

from decimal import Decimal

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.callbacks_fit import FitAction, FitCb, FitListCb, FitPrefsAction, FitPrefsCb
from bot.handlers.common import edit
from bot.handlers.crm_pipeline import card_view
from bot.i18n import I18n
from bot.keyboards.bench_fit import QUIET_HOURS, THRESHOLDS, fit_push_kb, fits_kb, prefs_kb
from bot.views.bench_fit import fits_text, prefs_text, push_text, rejected_line
from crm import fits
from crm.fit_settings import FitSettings
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)


@router.callback_query(FitCb.filter(F.action == FitAction.reject))
async def reject_fit(
    query: CallbackQuery, callback_data: FitCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    fit = await fits.reject(uow, user, callback_data.fit_id)
    if isinstance(query.message, Message):
        text = query.message.html_text
        if rejected_line(i18n) not in text:
            text = f"{rejected_line(i18n)}\n\n{text}"
        markup = fit_push_kb(fit.id, fit.request_id, fit.developer_id, i18n, rejected=True)
        await edit(query, text[:4096], markup)
    await query.answer(i18n.get("fit-rejected-alert"))


@router.callback_query(FitCb.filter(F.action == FitAction.open))
async def open_request(
    query: CallbackQuery, callback_data: FitCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    fit = await fits.get(uow, user, callback_data.fit_id)
    text, markup = await card_view(uow, user, fit.request_id, i18n)
    if isinstance(query.message, Message):
        await query.message.answer(text, reply_markup=markup)
    await query.answer()


@router.callback_query(FitCb.filter(F.action == FitAction.show))
async def show_fit(
    query: CallbackQuery, callback_data: FitCb, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    fit, card = await fits.view(uow, user, callback_data.fit_id)
    payload = {"developer": fit.developer, "score": fit.score, "details": fit.details}
    text = push_text(payload, card, i18n, user.timezone)
    if fit.verdict is not None:
        text = f"{rejected_line(i18n)}\n\n{text}"
    if isinstance(query.message, Message):
        await query.message.answer(text[:4096], reply_markup=fit_push_kb(
            fit.id, fit.request_id, fit.developer_id, i18n, rejected=fit.verdict is not None))
    await query.answer()


@router.callback_query(FitListCb.filter())
async def list_fits(
    query: CallbackQuery, callback_data: FitListCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    found, total = await fits.page(uow, user, callback_data.page)
    text = fits_text(found, total, i18n)
    markup = fits_kb(found, callback_data.page, total, fits.PAGE_SIZE, i18n)
    if callback_data.reply and isinstance(query.message, Message):
        await query.message.answer(text, reply_markup=markup)
    else:
        await edit(query, text, markup)
    await query.answer()


@router.message(Command("fits"))
async def cmd_fits(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n,
                   fit_settings: FitSettings) -> None:
    mine = await fits.prefs(uow, user)
    await message.answer(prefs_text(mine, fit_settings.threshold, user, i18n),
                         reply_markup=prefs_kb(mine, i18n))


@router.callback_query(FitPrefsCb.filter())
async def change_prefs(
    query: CallbackQuery, callback_data: FitPrefsCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n, fit_settings: FitSettings,
) -> None:
    action, index = callback_data.action, callback_data.index
    if action is FitPrefsAction.threshold:
        value = Decimal(THRESHOLDS[index]) / 100 if 0 <= index < len(THRESHOLDS) else None
        mine = await fits.set_threshold(uow, user, value)
    elif action is FitPrefsAction.quiet:
        start, end = QUIET_HOURS[index % len(QUIET_HOURS)]
        mine = await fits.set_quiet_hours(uow, user, start, end)
    elif action in (FitPrefsAction.pause, FitPrefsAction.resume):
        mine = await fits.set_paused(uow, user, action is FitPrefsAction.pause)
    else:
        mine = await fits.prefs(uow, user)
    await edit(query, prefs_text(mine, fit_settings.threshold, user, i18n), prefs_kb(mine, i18n))
    await query.answer(i18n.get("settings-saved") if action is not FitPrefsAction.show else None)
