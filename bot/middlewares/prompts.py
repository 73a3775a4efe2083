"""A command typed while a prompt waits for an answer ends the prompt first, then runs.

Without this, every state handler would have to recognise commands itself, and the first one
that forgets saves "/my" as a search phrase. Clearing here, before any filter looks at the
state, means the command reaches its own handler as if no prompt had been open.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import Message, TelegramObject

from bot.i18n import I18n

CANCEL_COMMANDS = frozenset({"cancel", "отмена"})


def command_name(text: str) -> str | None:
    """'/cancel@radar_bot args' → 'cancel'; None for text that is not a command."""
    if not text.startswith("/") or len(text) < 2:
        return None
    return text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower()


class PromptExitMiddleware(BaseMiddleware):
    async def __call__(
        self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject, data: dict[str, Any],
    ) -> Any:
        name = command_name(event.text or "") if isinstance(event, Message) else None
        if name is None:
            return await handler(event, data)
        state: FSMContext | None = data.get("state")
        was_waiting = data.get("raw_state") is not None
        if state is not None and was_waiting:
            await state.clear()
            data["raw_state"] = None  # filters read this copy, not the storage
        if name in CANCEL_COMMANDS and isinstance(event, Message):
            i18n: I18n = data["i18n"]
            await event.answer(i18n.get("prompt-cancelled" if was_waiting else "prompt-idle"))
            return None
        return await handler(event, data)
