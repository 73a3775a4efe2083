"""Small helpers shared by handlers (no logic: they only talk to Telegram and the FSM)."""

from __future__ import annotations

from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message


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


async def ask(
    query: CallbackQuery, state: FSMContext, waiting_for: State, prompt: str, **data: Any
) -> None:
    """A button that asks for a typed answer: remember what it is about, then ask."""
    await state.set_state(waiting_for)
    await state.update_data(**data)
    if isinstance(query.message, Message):
        await query.message.answer(prompt)
    await query.answer()
