from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from db.repositories.users import UserRepo
from db.uow import UnitOfWork


class UserMiddleware(BaseMiddleware):
    """Puts the sender's UserRecord (or None for strangers and deactivated users) in `user`."""

    async def __call__(
        self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject, data: dict[str, Any],
    ) -> Any:
        sender: User | None = data.get("event_from_user")
        data["user"] = None
        if sender is not None:
            uow: UnitOfWork = data["uow"]
            async with uow:
                found = await uow.repo(UserRepo).by_tg_id(sender.id)
            data["user"] = found if found is not None and found.active else None
        return await handler(event, data)
