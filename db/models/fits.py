from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, choice, created_at_column
from db.models.enums import FIT_DELIVERIES, FIT_VERDICTS


class BenchFit(Base):
    """A (request, bench developer) pair the bench-fit matcher found: pushed once, ever.

    The unique pair is what makes "one push per pair" hold across re-labelling, restarts and
    concurrent matchers; a "not a fit" verdict stays on the row, so the pair never returns.
    """

    __tablename__ = "bench_fits"
    __table_args__ = (
        sa.UniqueConstraint("request_id", "developer_id", name="uq_bench_fits_pair"),
        sa.Index("ix_bench_fits_owner", "owner_user_id", "id"),
        # The digest flush's queue: fits waiting for their owner's next digest.
        sa.Index("ix_bench_fits_held", "owner_user_id",
                 postgresql_where=sa.text("delivery = 'held'")),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("request_cards.id", ondelete="CASCADE")
    )
    developer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bench_developers.id", ondelete="CASCADE"), index=True
    )
    owner_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    score: Mapped[Decimal] = mapped_column(sa.Numeric(5, 4))
    # The score's parts as the push shows them (stack shared/asked, grade, rate, availability).
    details: Mapped[dict[str, Any]] = mapped_column(JSONB)
    delivery: Mapped[str] = mapped_column(choice("fit_delivery", FIT_DELIVERIES))
    verdict: Mapped[str | None] = mapped_column(choice("fit_verdict", FIT_VERDICTS))
    decided_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()


class FitPrefs(Base):
    """A user's bench-fit settings; no row means the defaults (FitSettings)."""

    __tablename__ = "bench_fit_prefs"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    threshold: Mapped[Decimal | None] = mapped_column(sa.Numeric(3, 2))
    # Local hours [quiet_from, quiet_to) in the user's timezone; both NULL = no quiet hours.
    quiet_from: Mapped[int | None] = mapped_column(sa.SmallInteger)
    quiet_to: Mapped[int | None] = mapped_column(sa.SmallInteger)
    paused: Mapped[bool] = mapped_column(server_default=sa.false())
