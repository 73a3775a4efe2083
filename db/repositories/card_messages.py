"""Which bot messages show which card; stages, never commits."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import CardMessage
from db.records.card_messages import CardMessageRecord


class CardMessageRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def remember(
        self, request_id: int, user_id: int, chat_id: int, message_id: int, screen: str
    ) -> None:
        """A message shows one card at a time: the newest screen it was edited to wins."""
        values = {"request_id": request_id, "user_id": user_id, "screen": screen,
                  "updated_at": sa.func.now()}
        await self.session.execute(
            insert(CardMessage).values(chat_id=chat_id, message_id=message_id, **values)
            .on_conflict_do_update(constraint="uq_card_messages_chat_message", set_=values)
        )

    async def of_card(self, request_id: int, limit: int) -> list[CardMessageRecord]:
        m = CardMessage
        query = (
            sa.select(m.request_id, m.user_id, m.chat_id, m.message_id, m.screen)
            .where(m.request_id == request_id).order_by(m.updated_at.desc()).limit(limit)
        )
        return [CardMessageRecord(*row) for row in (await self.session.execute(query)).all()]
