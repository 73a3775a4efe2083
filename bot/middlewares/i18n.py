from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from bot.i18n import Translator
from db.records.users import UserRecord


class I18nMiddleware(BaseMiddleware):
    """The user's saved language, else their Telegram language, else the default."""

    def __init__(self, translator: Translator) -> None:
        self._translator = translator

    async def __call__(
        self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject, data: dict[str, Any],
    ) -> Any:
        user: UserRecord | None = data.get("user")
        sender: User | None = data.get("event_from_user")
        data["i18n"] = self._translator.pick(
            user.language if user else None, sender.language_code if sender else None
        )
        return await handler(event, data)
