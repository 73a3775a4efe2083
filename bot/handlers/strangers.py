"""Last router: everyone the member routers did not take (unknown or deactivated users)."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.i18n import I18n

router = Router(name=__name__)


@router.message()
async def refuse_message(message: Message, i18n: I18n) -> None:
    await message.answer(i18n.get("access-refused"))


@router.callback_query()
async def refuse_callback(query: CallbackQuery, i18n: I18n) -> None:
    await query.answer(i18n.get("access-refused"), show_alert=True)
