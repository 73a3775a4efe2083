"""Follow-up chains' notices as the owner (or an admin) reads them, and a chain's e-mail."""

from __future__ import annotations

import html

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks_crm import PipeAction, PipeCb
from bot.i18n import I18n
from crm.mail import Mail
from db.records.outbox import DueDelivery

TEXT_SHOWN = 1000


def outreach_message(
    due: DueDelivery, i18n: I18n
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    if due.notification.kind != "followup":
        return None
    payload = due.notification.payload
    event = str(payload.get("event", ""))
    title = html.escape(due.card.title if due.card else str(payload.get("title", "")))
    said = html.escape(str(payload.get("text", ""))[:TEXT_SHOWN])
    if event == "reply":
        minutes = max(int(payload.get("seconds", 0)) // 60, 0)
        text = i18n.get("outreach-push-reply", title=title, text=said, minutes=minutes)
    elif event == "opt_out":
        text = i18n.get("outreach-push-opt-out", title=title, text=said)
    elif event == "task":
        text = i18n.get("outreach-push-task", title=title, text=said)
    elif event == "paused":
        text = i18n.get("outreach-push-paused", account=html.escape(str(payload.get("account"))),
                        reason=html.escape(str(payload.get("reason"))),
                        until=str(payload.get("until", ""))[:16].replace("T", " "))
    else:
        return None
    markup = None
    if due.card is not None:
        builder = InlineKeyboardBuilder()
        builder.button(text=i18n.get("outreach-open-card"),
                       callback_data=PipeCb(action=PipeAction.open, card_id=due.card.id))
        markup = builder.as_markup()
    return text, markup


def outreach_mail(due: DueDelivery) -> Mail:
    """The client's e-mail as the chain rendered it; replies go to the reply-to address."""
    payload = due.notification.payload
    text = str(payload.get("text", ""))
    body = html.escape(text).replace("\n", "<br>\n")
    return Mail(to=str(payload["to"]), subject=str(payload.get("subject", "")), text=text,
                html=f"<html><body>{body}</body></html>",
                reply_to=str(payload["reply_to"]) if payload.get("reply_to") else None)
