"""Errors: refusals become polite alerts; anything else is logged with context, apologised for."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from bot.i18n import I18n
from bot.middlewares.context import UpdateContext
from crm.access import AccessDenied

router = Router(name=__name__)
log = logging.getLogger(__name__)


async def _tell(event: ErrorEvent, text: str) -> None:
    update = event.update
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.message is not None:
        await update.message.answer(text)


@router.errors(ExceptionTypeFilter(AccessDenied))
async def access_denied(event: ErrorEvent, i18n: I18n) -> None:
    error = event.exception
    log.info("refused update %s: %s", event.update.update_id, error)
    # A member is told which rule refused them; a stranger only hears "ask for an invite".
    reason = getattr(error, "reason", "")
    key = f"access-refused-{reason}"
    if reason and i18n.has(key):
        await _tell(event, i18n.get(key, **getattr(error, "details", {})))
    else:
        await _tell(event, i18n.get("access-refused"))


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
