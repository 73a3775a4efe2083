"""One press, one thing created: a handler flagged `once` runs once per (chat, message,
callback data), so a double tap on "Save search" or an interview time makes one search or one
interview. The claim is a Redis SET NX shared by every bot process; a failed handler gives it
back, so the press can be retried.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.flags import get_flag
from aiogram.types import CallbackQuery, TelegramObject

from bot.i18n import I18n

ONCE = {"once": True}
# Long enough for any double tap or client retry; short enough to keep Redis small.
CLAIM_SECONDS = 24 * 3600
log = logging.getLogger(__name__)


class OncePerPressMiddleware(BaseMiddleware):
    def __init__(self, redis: Any) -> None:
        self._redis = redis

    async def __call__(
        self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject, data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, CallbackQuery) or not get_flag(data, "once"):
            return await handler(event, data)
        key = _key(event)
        if not await self._claim(key):
            i18n: I18n = data["i18n"]
            await event.answer(i18n.get("button-already-done"))
            return None
        try:
            return await handler(event, data)
        except BaseException:
            await self._release(key)
            raise

    async def _claim(self, key: str) -> bool:
        try:
            return bool(await self._redis.set(key, "1", nx=True, ex=CLAIM_SECONDS))
        except Exception as exc:  # Redis down: better a rare duplicate than a dead button
            log.warning("press de-duplication unavailable (%s): handling the press", exc)
            return True

    async def _release(self, key: str) -> None:
        try:
            await self._redis.delete(key)
        except Exception as exc:
            log.warning("could not release press %s (%s)", key, exc)


def _key(query: CallbackQuery) -> str:
    message = query.message
    chat = message.chat.id if message is not None else query.from_user.id
    message_id = message.message_id if message is not None else 0
    # The message as the user saw it: a screen edited in place (new filters, then "Save"
    # again) is a new press, the same screen tapped twice is not.
    shown = getattr(message, "text", None) or getattr(message, "caption", None) or ""
    digest = hashlib.sha1(shown.encode("utf-8", "replace")).hexdigest()[:12]
    return f"radar:press:{chat}:{message_id}:{digest}:{query.data or ''}"
