"""Follow-up chains in the bot: "Reach out" on a card or a client → preview, edit, confirm;
stop a running chain; mark an e-mail answer; /outreach, the templates report (admins retire)."""

from __future__ import annotations

import random
from dataclasses import replace

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks_outreach import OutreachAction, OutreachCb, TemplateAction, TemplateCb
from bot.handlers.common import ask, edit
from bot.i18n import I18n
from bot.keyboards.outreach import preview_kb, run_kb, templates_kb
from bot.views.outreach import preview_text, report_text, run_text
from crm import outreach, outreach_admin, outreach_views
from crm.outreach_chains import ChainBook
from db.records.users import UserRecord
from db.uow import UnitOfWork

router = Router(name=__name__)
# Thompson sampling needs fresh draws, not reproducible ones.
_rng = random.SystemRandom()


class OutreachStates(StatesGroup):
    text = State()
    reply = State()
    template = State()


async def _preview(message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord,
                   i18n: I18n, book: ChainBook, card_id: int, text: str | None = None) -> None:
    plan = await outreach.preview(uow, user, card_id, book, _rng)
    if text is not None:
        plan = replace(plan, text=text)
    await state.update_data(outreach_card=card_id, outreach_text=plan.text,
                            outreach_template=plan.template_id)
    can_send = bool(plan.text) and not (plan.busy or plan.opted_out)
    await message.answer(preview_text(plan, i18n),
                         reply_markup=preview_kb(card_id, i18n, can_send=can_send))


@router.callback_query(OutreachCb.filter(F.action.in_({OutreachAction.open,
                                                       OutreachAction.client})))
async def open_outreach(
    query: CallbackQuery, callback_data: OutreachCb, state: FSMContext, uow: UnitOfWork,
    user: UserRecord, i18n: I18n, outreach_book: ChainBook,
) -> None:
    card_id = callback_data.card_id
    if callback_data.action is OutreachAction.client:
        card_id = await outreach_views.card_of_client(uow, user, callback_data.client_id)
    runs = await outreach_views.runs_of_card(uow, user, card_id)
    current = next((r for r in runs if r.status == "active"), None)
    await query.answer()
    if not isinstance(query.message, Message):
        return
    if current is not None:
        await query.message.answer(run_text(current, i18n), reply_markup=run_kb(current, i18n))
        return
    for run in runs[:1]:  # the last chain, so its answer can still be marked
        if run.replied_at is None and run.email:
            await query.message.answer(run_text(run, i18n), reply_markup=run_kb(run, i18n))
    await _preview(query.message, state, uow, user, i18n, outreach_book, card_id)


@router.callback_query(OutreachCb.filter(F.action == OutreachAction.edit))
async def ask_text(
    query: CallbackQuery, callback_data: OutreachCb, state: FSMContext, i18n: I18n
) -> None:
    await ask(query, state, OutreachStates.text, i18n.get("outreach-ask-text"), i18n,
              outreach_card=callback_data.card_id)


@router.message(OutreachStates.text, F.text)
async def save_text(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n,
    outreach_book: ChainBook,
) -> None:
    data = await state.get_data()
    await state.set_state(None)
    await _preview(message, state, uow, user, i18n, outreach_book, int(data["outreach_card"]),
                   text=(message.text or "").strip())
    # The manager's own words: their replies say nothing about any template.
    await state.update_data(outreach_template=None)


@router.callback_query(OutreachCb.filter(F.action == OutreachAction.send))
async def send_chain(
    query: CallbackQuery, callback_data: OutreachCb, state: FSMContext, uow: UnitOfWork,
    user: UserRecord, i18n: I18n, outreach_book: ChainBook,
) -> None:
    data = await state.get_data()
    if data.get("outreach_card") != callback_data.card_id:
        await query.answer(i18n.get("outreach-preview-gone"), show_alert=True)
        return
    plan = await outreach.preview(uow, user, callback_data.card_id, outreach_book, _rng)
    plan = replace(plan, template_id=data.get("outreach_template"))
    run = await outreach.start(uow, user, plan, outreach_book, text=str(data["outreach_text"]))
    await state.set_data({})
    await edit(query, i18n.get("outreach-started"), run_kb(run, i18n))
    await query.answer()


@router.callback_query(OutreachCb.filter(F.action == OutreachAction.stop))
async def stop_chain(
    query: CallbackQuery, callback_data: OutreachCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    run = await outreach.stop(uow, user, callback_data.run_id)
    await edit(query, run_text(run, i18n), run_kb(run, i18n))
    await query.answer(i18n.get("outreach-stopped"))


@router.callback_query(OutreachCb.filter(F.action == OutreachAction.reply))
async def ask_reply(
    query: CallbackQuery, callback_data: OutreachCb, state: FSMContext, i18n: I18n
) -> None:
    await ask(query, state, OutreachStates.reply, i18n.get("outreach-ask-reply"), i18n,
              outreach_run=callback_data.run_id)


@router.message(OutreachStates.reply, F.text)
async def save_reply(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    run_id = int((await state.get_data())["outreach_run"])
    run = await outreach.mark_email_reply(uow, user, run_id, message.text or "")
    await state.clear()
    await message.answer(run_text(run, i18n), reply_markup=run_kb(run, i18n))


@router.message(Command("outreach"))
async def cmd_outreach(message: Message, uow: UnitOfWork, user: UserRecord, i18n: I18n) -> None:
    lines = await outreach_admin.template_report(uow)
    markup = templates_kb(lines, i18n) if user.is_admin else None
    await message.answer(report_text(lines, i18n), reply_markup=markup)


@router.callback_query(TemplateCb.filter(F.action == TemplateAction.edit))
async def ask_template(
    query: CallbackQuery, callback_data: TemplateCb, state: FSMContext, user: UserRecord,
    i18n: I18n,
) -> None:
    if not user.is_admin:
        await query.answer(i18n.get("outreach-admins-only"), show_alert=True)
        return
    await ask(query, state, OutreachStates.template, i18n.get("outreach-ask-template"), i18n,
              outreach_template=callback_data.template_id)


@router.message(OutreachStates.template, F.text)
async def save_template(
    message: Message, state: FSMContext, uow: UnitOfWork, user: UserRecord, i18n: I18n
) -> None:
    """An unknown variable is refused here and the prompt stays open for a fixed text."""
    template_id = int((await state.get_data())["outreach_template"])
    await outreach_admin.save_text(uow, user, template_id, message.text or "")
    await state.clear()
    lines = await outreach_admin.template_report(uow)
    await message.answer(i18n.get("outreach-template-saved"))
    await message.answer(report_text(lines, i18n), reply_markup=templates_kb(lines, i18n))


@router.callback_query(TemplateCb.filter(F.action == TemplateAction.retire))
async def retire_template(
    query: CallbackQuery, callback_data: TemplateCb, uow: UnitOfWork, user: UserRecord,
    i18n: I18n,
) -> None:
    await outreach_admin.retire(uow, user, callback_data.template_id)
    lines = await outreach_admin.template_report(uow)
    await edit(query, report_text(lines, i18n), templates_kb(lines, i18n))
    await query.answer(i18n.get("outreach-retired"))
