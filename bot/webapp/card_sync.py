"""After a move in the Mini App, the bot's messages showing that card show the new stage."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramAPIError
from aiogram.types import InlineKeyboardMarkup

from bot.handlers.crm_pipeline import card_view
from bot.keyboards.card import card_kb
from bot.views.card import card_text
from bot.webapp.context import MiniAppContext
from crm import card_messages, cards
from crm.errors import AccessDenied
from db.records.card_messages import CardMessageRecord
from db.repositories.users import UserRepo

log = logging.getLogger(__name__)


async def _render(
    context: MiniAppContext, shown: CardMessageRecord
) -> tuple[str, InlineKeyboardMarkup] | None:
    async with context.uow() as uow:
        viewer = await uow.repo(UserRepo).get(shown.user_id)
    if viewer is None or not viewer.active:
        return None
    i18n = context.translator.pick(viewer.language)
    try:
        if shown.screen == "feed":
            card = await cards.get(context.uow(), viewer, shown.request_id)
            return card_text(card, i18n, viewer.timezone), card_kb(card, i18n, viewer.id)
        return await card_view(context.uow(), viewer, shown.request_id, i18n)
    except AccessDenied:
        return None  # the card left this viewer's scope: their old message stays as it was


async def refresh_card_messages(context: MiniAppContext, card_id: int) -> int:
    """Edits the newest messages showing the card; returns how many were edited. A failed edit
    (message deleted, bot blocked) is logged and skipped: the move itself is committed."""
    edited = 0
    for shown in await card_messages.of_card(context.uow(), card_id):
        rendered = await _render(context, shown)
        if rendered is None:
            continue
        text, markup = rendered
        try:
            await context.bot.edit_message_text(
                chat_id=shown.chat_id, message_id=shown.message_id, text=text,
                reply_markup=markup,
            )
            edited += 1
        except TelegramAPIError as error:
            if "not modified" not in str(error):
                log.info("card %s: message %s/%s not edited: %s", card_id, shown.chat_id,
                         shown.message_id, error)
    return edited
