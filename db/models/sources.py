from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, choice, created_at_column
from db.models.enums import SOURCE_KINDS


class Source(Base):
    """A Telegram channel or chat we read, with its read cursor and health."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    tg_id: Mapped[int | None] = mapped_column(sa.BigInteger, unique=True)
    ref: Mapped[str] = mapped_column(sa.String(255))
    kind: Mapped[str] = mapped_column(
        choice("source_kind", SOURCE_KINDS), server_default="channel"
    )
    username: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    title: Mapped[str | None] = mapped_column(sa.String(255))
    enabled: Mapped[bool] = mapped_column(server_default=sa.true())
    account_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("collector_accounts.id", ondelete="SET NULL"), index=True
    )
    read_cursor: Mapped[int] = mapped_column(sa.BigInteger, server_default="0")
    last_post_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    last_read_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    last_error_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    retry_after: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()


class ResolvedUsername(Base):
    """Telegram allows ~200 username resolutions a day per account: remember every answer."""

    __tablename__ = "resolved_usernames"

    username: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    tg_id: Mapped[int] = mapped_column(sa.BigInteger)
    access_hash: Mapped[int | None] = mapped_column(sa.BigInteger)
    kind: Mapped[str] = mapped_column(choice("resolved_kind", SOURCE_KINDS))
    title: Mapped[str | None] = mapped_column(sa.String(255))
    resolved_at: Mapped[datetime] = created_at_column()
