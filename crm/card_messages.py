"""The bot messages that show a card: remembered when sent, edited after a move elsewhere."""

from __future__ import annotations

from db.records.card_messages import CardMessageRecord
from db.repositories.card_messages import CardMessageRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

# Editing every message a card was ever shown in would flood Telegram: the newest few do.
EDITED_PER_MOVE = 5


async def remember(
    uow: UnitOfWork, tg_user_id: int, request_id: int, chat_id: int, message_id: int,
    screen: str,
) -> bool:
    """Records that (chat_id, message_id) shows the card; False for a chat of no user of ours."""
    async with uow:
        user = await uow.repo(UserRepo).by_tg_id(tg_user_id)
        if user is None:
            return False
        await uow.repo(CardMessageRepo).remember(request_id, user.id, chat_id, message_id, screen)
        await uow.commit()
    return True


async def of_card(uow: UnitOfWork, request_id: int) -> list[CardMessageRecord]:
    """The newest messages showing the card, newest first."""
    async with uow:
        return await uow.repo(CardMessageRepo).of_card(request_id, EDITED_PER_MOVE)
