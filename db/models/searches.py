from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, choice, created_at_column
from db.models.enums import CHANNELS, DELIVERY_STATES, NOTIFICATION_KINDS


class SavedSearch(Base):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(128))
    filters: Mapped[dict[str, Any]] = mapped_column(JSONB)
    phrase: Mapped[str | None] = mapped_column(sa.String(255))
    paused: Mapped[bool] = mapped_column(server_default=sa.false())
    # Its pushes carry "Reach out" (a preview to confirm; never a chain started by itself).
    offer_outreach: Mapped[bool] = mapped_column(server_default=sa.false())
    created_at: Mapped[datetime] = created_at_column()


class Notification(Base):
    """The outbox: one row per (reason, card, channel), delivered once, retried with backoff.

    `kind` leaves room for reminders, digests and follow-up chains on the same delivery path.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        sa.UniqueConstraint("dedup_key", "channel", name="uq_notifications_dedup_channel"),
        sa.Index(
            "ix_notifications_due",
            "next_attempt_at",
            postgresql_where=sa.text("status = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    kind: Mapped[str] = mapped_column(
        choice("notification_kind", NOTIFICATION_KINDS), server_default="search_match"
    )
    # e.g. "search:12:card:345": what makes two notifications the same one.
    dedup_key: Mapped[str] = mapped_column(sa.String(128))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    saved_search_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("saved_searches.id", ondelete="SET NULL")
    )
    request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("request_cards.id", ondelete="CASCADE")
    )
    channel: Mapped[str] = mapped_column(choice("delivery_channel", CHANNELS))
    status: Mapped[str] = mapped_column(
        choice("delivery_status", DELIVERY_STATES), server_default="pending"
    )
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    attempts: Mapped[int] = mapped_column(server_default="0")
    next_attempt_at: Mapped[datetime] = created_at_column()
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    sent_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # Set while a send is in flight outside any transaction; still set at the next claim means
    # the last send may have reached Telegram (a crash or a timeout): `unconfirmed` counts those.
    sending_since: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    unconfirmed: Mapped[int] = mapped_column(server_default="0")
    # Transient failures in a row (network, 5xx, SMTP down): they set the back-off, not death.
    retries: Mapped[int] = mapped_column(server_default="0")
    created_at: Mapped[datetime] = created_at_column()
