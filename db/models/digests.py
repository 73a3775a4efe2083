from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, created_at_column


class ChartImage(Base):
    """A chart PNG a queued digest points at, stored once by content hash: managers who see
    the same scope share the same images instead of copying them into every outbox row."""

    __tablename__ = "chart_images"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    png: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[datetime] = created_at_column()
