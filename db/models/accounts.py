from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, created_at_column


class CollectorAccount(Base):
    """A userbot account; each source is read by at most one account at a time."""

    __tablename__ = "collector_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(64), unique=True)
    max_sources: Mapped[int] = mapped_column(server_default="500")
    heartbeat_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()
