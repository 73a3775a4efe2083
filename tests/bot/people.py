"""Reading the bot's users back from the database, as the tests arrange their data."""

from __future__ import annotations

from db.records.users import UserRecord
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from tests.support.chat import ChatUser, TelegramHarness


def uow_of(tg: TelegramHarness) -> UnitOfWork:
    return UnitOfWork(tg.dp["session_factory"])


async def record_of(tg: TelegramHarness, chat: ChatUser) -> UserRecord:
    uow = uow_of(tg)
    async with uow:
        found = await uow.repo(UserRepo).by_tg_id(chat.id)
    assert found is not None, f"user {chat.id} is not registered"
    return found
