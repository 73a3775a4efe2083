"""CRM refusals of a value (a move the pipeline forbids, a bad CSV…) as polite alerts."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from bot.i18n import I18n
from crm.crm_errors import CrmInputError

router = Router(name=__name__)
log = logging.getLogger(__name__)


@router.errors(ExceptionTypeFilter(CrmInputError))
async def crm_input_error(event: ErrorEvent, i18n: I18n) -> None:
    error = event.exception
    code = error.code if isinstance(error, CrmInputError) else "generic"
    log.info("refused update %s: %s", event.update.update_id, error)
    key = f"crm-error-{code}"
    text = i18n.get(key) if i18n.has(key) else i18n.get("crm-error-generic")
    update = event.update
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.message is not None:
        await update.message.answer(text)
