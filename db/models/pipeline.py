from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, choice, created_at_column
from db.models.enums import INTERVIEW_OUTCOMES, STAGES, SUBMISSION_STATES


class StageChange(Base):
    """Who moved a card from which stage to which, and when: the pipeline's history."""

    __tablename__ = "stage_changes"
    __table_args__ = (sa.Index("ix_stage_changes_request", "request_id", "created_at"),)

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("request_cards.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    from_stage: Mapped[str | None] = mapped_column(choice("from_stage", STAGES))
    to_stage: Mapped[str] = mapped_column(choice("to_stage", STAGES))
    reason: Mapped[str | None] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = created_at_column()


class Submission(Base):
    """A bench developer proposed for a request."""

    __tablename__ = "submissions"
    __table_args__ = (
        sa.UniqueConstraint("request_id", "developer_id", name="uq_submissions_request_developer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("request_cards.id", ondelete="CASCADE"))
    developer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bench_developers.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(
        choice("submission_status", SUBMISSION_STATES), server_default="proposed"
    )
    score: Mapped[float | None]
    created_at: Mapped[datetime] = created_at_column()


class Interview(Base):
    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        sa.ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    scheduled_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), index=True)
    timezone: Mapped[str] = mapped_column(sa.String(64))
    outcome: Mapped[str | None] = mapped_column(choice("interview_outcome", INTERVIEW_OUTCOMES))
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reminded_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()


class Task(Base):
    """A to-do for a manager; churn alerts and follow-up fallbacks will land here too."""

    __tablename__ = "tasks"
    __table_args__ = (
        sa.Index(
            "ix_tasks_open", "assignee_id", "due_at", postgresql_where=sa.text("done_at IS NULL")
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("request_cards.id", ondelete="CASCADE")
    )
    client_id: Mapped[int | None] = mapped_column(sa.ForeignKey("clients.id", ondelete="CASCADE"))
    assignee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(255))
    origin: Mapped[str] = mapped_column(sa.String(32), server_default="manual")
    due_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    done_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()


class Activity(Base):
    """The activity log of a request and of a client: notes, moves, proposals, interviews."""

    __tablename__ = "activities"
    __table_args__ = (
        sa.Index("ix_activities_request", "request_id", "created_at"),
        sa.Index("ix_activities_client", "client_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("request_cards.id", ondelete="CASCADE")
    )
    client_id: Mapped[int | None] = mapped_column(sa.ForeignKey("clients.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(sa.String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    created_at: Mapped[datetime] = created_at_column()
