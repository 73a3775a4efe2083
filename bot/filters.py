from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import TelegramObject

from db.records.users import UserRecord


class IsMember(Filter):
    """A registered, active user (the user middleware puts None for everyone else)."""

    async def __call__(self, event: TelegramObject, user: UserRecord | None = None) -> bool:
        return user is not None and user.active


class IsAdmin(Filter):
    async def __call__(self, event: TelegramObject, user: UserRecord | None = None) -> bool:
        return user is not None and user.active and user.is_admin
