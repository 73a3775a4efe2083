from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, TextList, created_at_column


class BenchDeveloper(Base):
    """A free developer the company can propose."""

    __tablename__ = "bench_developers"
    __table_args__ = (sa.Index("ix_bench_developers_stack", "stack", postgresql_using="gin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    roles: Mapped[list[str]] = mapped_column(TextList, server_default="{}")
    stack: Mapped[list[str]] = mapped_column(TextList, server_default="{}")
    grade: Mapped[str | None] = mapped_column(sa.String(16))
    rate_min: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    rate_max: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    rate_currency: Mapped[str | None] = mapped_column(sa.String(8))
    rate_period: Mapped[str | None] = mapped_column(sa.String(16))
    rate_rub_hour: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    available_from: Mapped[date | None] = mapped_column(sa.Date)
    english_level: Mapped[str | None] = mapped_column(sa.String(8))
    location: Mapped[str | None] = mapped_column(sa.String(128))
    formats: Mapped[list[str]] = mapped_column(TextList, server_default="{}")
    cv_url: Mapped[str | None] = mapped_column(sa.String(512))
    cv_file_id: Mapped[str | None] = mapped_column(sa.String(255))
    source_post_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="SET NULL")
    )
    owner_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id", ondelete="SET NULL"))
    active: Mapped[bool] = mapped_column(server_default=sa.true())
    # Busy (in a process elsewhere, on a trial): still on the bench, but not pushed as a fit.
    busy: Mapped[bool] = mapped_column(server_default=sa.false())
    created_at: Mapped[datetime] = created_at_column()
    # Bumped by every edit and confirmation: the bench freshness check reads it.
    updated_at: Mapped[datetime] = created_at_column()
    freshness_reminded_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
