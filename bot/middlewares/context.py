from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject


@dataclass
class UpdateContext:
    """Filled while an update is handled, so the error handler can log which handler failed."""

    handler_name: str | None = None


class UpdateContextMiddleware(BaseMiddleware):
    async def __call__(
        self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject, data: dict[str, Any],
    ) -> Any:
        data["update_context"] = UpdateContext()
        return await handler(event, data)


class HandlerNameMiddleware(BaseMiddleware):
    """Inner middleware: by now aiogram has chosen the handler and put it in data["handler"]."""

    async def __call__(
        self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject, data: dict[str, Any],
    ) -> Any:
        context: UpdateContext | None = data.get("update_context")
        chosen = data.get("handler")
        if context is not None and chosen is not None:
            context.handler_name = getattr(chosen.callback, "__qualname__", repr(chosen.callback))
        return await handler(event, data)
