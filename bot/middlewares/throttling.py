from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, TelegramObject, User

from bot.i18n import I18n

WINDOW_SECONDS = 1


class ThrottlingMiddleware(BaseMiddleware):
    """Drops a user's updates beyond `rate` per second; shared in Redis across bot processes."""

    def __init__(self, redis: Any, rate: int) -> None:
        self._redis = redis
        self._rate = rate

    async def __call__(
        self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject, data: dict[str, Any],
    ) -> Any:
        sender: User | None = data.get("event_from_user")
        if sender is None or await self._allowed_or_unknown(sender.id):
            return await handler(event, data)
        query = getattr(event, "callback_query", None)
        if isinstance(query, CallbackQuery):
            i18n: I18n = data["i18n"]
            await query.answer(i18n.get("throttled"))
        return None

    async def _allowed_or_unknown(self, tg_user_id: int) -> bool:
        try:
            return await self._allowed(tg_user_id)
        except Exception:  # Redis down: the bot keeps answering, unthrottled for a while
            return True

    async def _allowed(self, tg_user_id: int) -> bool:
        key = f"radar:throttle:{tg_user_id}:{int(time.time()) // WINDOW_SECONDS}"
        pipe = self._redis.pipeline()
        pipe.incr(key)
        pipe.expire(key, WINDOW_SECONDS * 2)
        count, _ = await pipe.execute()
        return int(count) <= self._rate
