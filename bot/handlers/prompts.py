"""The Cancel button under every prompt. A typed command ends a prompt too; that is
bot/middlewares/prompts.py, which runs before any state filter."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery

from bot.callbacks_ui import PromptAction, PromptCb
from bot.handlers.common import edit
from bot.i18n import I18n

router = Router(name=__name__)


@router.callback_query(PromptCb.filter(F.action == PromptAction.cancel))
async def cancel_prompt(query: CallbackQuery, state: FSMContext, i18n: I18n) -> None:
    waiting = await state.get_state() is not None
    await state.clear()
    await edit(query, i18n.get("prompt-cancelled" if waiting else "prompt-idle"))
    await query.answer()
