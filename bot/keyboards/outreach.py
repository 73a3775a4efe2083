"""Buttons of follow-up chains: the preview, a running chain, the admins' retire buttons."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import PipeAction, PipeCb
from bot.callbacks_outreach import OutreachAction, OutreachCb, TemplateAction, TemplateCb
from bot.i18n import I18n
from crm.outreach_admin import TemplateLine
from db.records.outreach import RunRecord


def preview_kb(card_id: int, i18n: I18n, *, can_send: bool) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    if can_send:
        builder.button(text=i18n.get("outreach-send"),
                       callback_data=OutreachCb(action=OutreachAction.send, card_id=card_id))
        builder.button(text=i18n.get("outreach-edit"),
                       callback_data=OutreachCb(action=OutreachAction.edit, card_id=card_id))
    builder.button(text=i18n.get("outreach-back"),
                   callback_data=PipeCb(action=PipeAction.open, card_id=card_id))
    builder.adjust(2, 1)
    return builder.as_markup()


def with_reach_out(markup: InlineKeyboardMarkup, card_id: int,
                   i18n: I18n) -> InlineKeyboardMarkup:
    """A search's push with "Reach out" under its card buttons: it opens the preview."""
    button = InlineKeyboardButton(text=i18n.get("outreach-reach-out"), callback_data=(
        OutreachCb(action=OutreachAction.open, card_id=card_id).pack()))
    return InlineKeyboardMarkup(inline_keyboard=[*markup.inline_keyboard, [button]])


def run_kb(run: RunRecord, i18n: I18n) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    card_id = run.request_id or 0
    if run.status == "active":
        builder.button(text=i18n.get("outreach-stop"), callback_data=OutreachCb(
            action=OutreachAction.stop, card_id=card_id, run_id=run.id))
    if run.replied_at is None and run.email and run.status in ("active", "done"):
        builder.button(text=i18n.get("outreach-mark-reply"), callback_data=OutreachCb(
            action=OutreachAction.reply, card_id=card_id, run_id=run.id))
    builder.button(text=i18n.get("outreach-back"),
                   callback_data=PipeCb(action=PipeAction.open, card_id=card_id))
    builder.adjust(1)
    return builder.as_markup()


def templates_kb(lines: Sequence[TemplateLine], i18n: I18n) -> InlineKeyboardMarkup | None:
    builder = InlineKeyboardBuilder()
    for line in lines:
        if line.template.retired_at is None:
            for action in TemplateAction:
                builder.button(text=i18n.get(f"outreach-template-{action.name}",
                                             name=line.template.key),
                               callback_data=TemplateCb(action=action,
                                                        template_id=line.template.id))
    builder.adjust(2)
    return builder.as_markup() if lines else None
