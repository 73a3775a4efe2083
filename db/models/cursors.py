from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, created_at_column


class JobCursor(Base):
    """How far a background job got (e.g. the last card matched against saved searches).

    Stored in PostgreSQL so a restarted worker resumes where it stopped; Redis only wakes it.
    """

    __tablename__ = "job_cursors"

    name: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    position: Mapped[int] = mapped_column(sa.BigInteger, server_default="0")
    updated_at: Mapped[datetime] = created_at_column()
