from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, choice, created_at_column

CARD_SCREENS = ("pipeline", "feed")


class CardMessage(Base):
    """A bot message that shows a request card, so a move made elsewhere can edit it."""

    __tablename__ = "card_messages"
    __table_args__ = (
        sa.UniqueConstraint("chat_id", "message_id", name="uq_card_messages_chat_message"),
        sa.Index("ix_card_messages_request", "request_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("request_cards.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(sa.BigInteger)
    message_id: Mapped[int] = mapped_column(sa.BigInteger)
    screen: Mapped[str] = mapped_column(choice("card_screen", CARD_SCREENS))
    updated_at: Mapped[datetime] = created_at_column()
