"""Small helpers shared by handlers (no logic: they only talk to Telegram and the FSM)."""

from __future__ import annotations

from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.i18n import I18n
from bot.keyboards.prompts import with_cancel


async def edit(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Edits the message the button was on; 'message is not modified' is not an error."""
    if not isinstance(query.message, Message):
        return
    try:
        await query.message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "not modified" not in exc.message:
            raise


async def edit_markup(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
    if not isinstance(query.message, Message):
        return
    try:
        await query.message.edit_reply_markup(reply_markup=markup)
    except TelegramBadRequest as exc:
        if "not modified" not in exc.message:
            raise


def chat_id(query: CallbackQuery) -> int:
    return query.message.chat.id if query.message is not None else query.from_user.id


async def send_prompt(
    message: Message, text: str, i18n: I18n, markup: InlineKeyboardMarkup | None = None
) -> None:
    """A question whose answer is the next message; it says how to back out of it."""
    text = f"{text}\n\n{i18n.get('prompt-how-to-cancel')}"
    await message.answer(text, reply_markup=with_cancel(i18n, markup))


async def ask(
    query: CallbackQuery, state: FSMContext, waiting_for: State, prompt: str, i18n: I18n,
    **data: Any,
) -> None:
    """A button that asks for a typed answer: remember what it is about, then ask."""
    await state.set_state(waiting_for)
    await state.update_data(**data)
    if isinstance(query.message, Message):
        await send_prompt(query.message, prompt, i18n)
    await query.answer()
