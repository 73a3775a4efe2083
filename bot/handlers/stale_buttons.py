"""Members' last callback handler: a press no screen accepted (a forged payload, numbers out of
range, a button from an older version) gets a polite alert and one log line, no traceback."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import CallbackQuery

from bot.i18n import I18n

router = Router(name=__name__)
log = logging.getLogger(__name__)


@router.callback_query()
async def refuse_unknown_button(query: CallbackQuery, i18n: I18n) -> None:
    log.warning("button data %r from user %s matched no screen: refused",
                (query.data or "")[:64], query.from_user.id)
    await query.answer(i18n.get("button-invalid"), show_alert=True)
