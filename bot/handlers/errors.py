"""Errors: crm refusals become polite messages; anything else is logged and apologised for.

Every refusal is a `CrmError` that names its Fluent key, so this is the bot's one place that
turns them into words: an alert for a button, a reply for a message.
"""

from __future__ import annotations

import html
import logging

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from bot.i18n import I18n
from bot.middlewares.context import UpdateContext
from crm.errors import CrmError

router = Router(name=__name__)
log = logging.getLogger(__name__)


async def _tell(event: ErrorEvent, text: str) -> None:
    update = event.update
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.message is not None:
        await update.message.answer(text)


@router.errors(ExceptionTypeFilter(CrmError))
async def crm_refusal(event: ErrorEvent, i18n: I18n) -> None:
    error = event.exception
    assert isinstance(error, CrmError)
    log.info("refused update %s: %s", event.update.update_id, error)
    # A member is told which rule refused them; a stranger only hears "ask for an invite".
    if i18n.has(error.locale_key):
        args = {name: html.escape(value) for name, value in error.locale_args.items()}
        await _tell(event, i18n.get(error.locale_key, **args))
    else:
        await _tell(event, i18n.get(error.fallback_key))


@router.errors()
async def unexpected_error(
    event: ErrorEvent, i18n: I18n | None = None, update_context: UpdateContext | None = None,
    event_from_user: object = None,
) -> None:
    log.error(
        "update %s from user %s failed in %s", event.update.update_id,
        getattr(event_from_user, "id", None),
        update_context.handler_name if update_context else None,
        exc_info=event.exception,
    )
    if i18n is not None:
        try:
            await _tell(event, i18n.get("error-apology"))
        except Exception:
            log.exception("could not send the apology for update %s", event.update.update_id)
