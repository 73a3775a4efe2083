"""Follow-up chains: templates and their reply counts, runs to one person, their steps."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, choice, created_at_column

STEP_KINDS = ("telegram", "email", "task")
RUN_STATES = ("active", "replied", "stopped", "done")
STEP_STATES = ("pending", "done", "skipped", "failed", "cancelled")


class OutreachTemplate(Base):
    """A message text for one step kind and language; retired ones are never chosen again."""

    __tablename__ = "outreach_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    step_kind: Mapped[str] = mapped_column(choice("outreach_step_kind", STEP_KINDS))
    language: Mapped[str] = mapped_column(sa.String(2))
    subject: Mapped[str | None] = mapped_column(sa.String(255))
    body: Mapped[str] = mapped_column(sa.Text)
    retired_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()


class OutreachTemplateStat(Base):
    """Sends and replies of a template within a segment: the sampler's Beta posterior."""

    __tablename__ = "outreach_template_stats"

    template_id: Mapped[int] = mapped_column(
        sa.ForeignKey("outreach_templates.id", ondelete="CASCADE"), primary_key=True
    )
    segment: Mapped[str] = mapped_column(sa.String(48), primary_key=True)
    sends: Mapped[int] = mapped_column(server_default="0")
    replies: Mapped[int] = mapped_column(server_default="0")


class OutreachRun(Base):
    """One chain to one person about one card; at most one active run per person."""

    __tablename__ = "outreach_runs"
    __table_args__ = (
        sa.Index("uq_outreach_runs_active_person", "person_key", unique=True,
                 postgresql_where=sa.text("status = 'active'")),
        sa.Index("ix_outreach_runs_tg_user", "tg_user_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    chain: Mapped[str] = mapped_column(sa.String(64))
    request_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("request_cards.id", ondelete="SET NULL"), index=True
    )
    client_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="SET NULL"), index=True
    )
    owner_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    started_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # "tg:<user id>" or "email:<address>": who the chain writes to, whatever the channel.
    person_key: Mapped[str] = mapped_column(sa.String(255))
    tg_user_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    email: Mapped[str | None] = mapped_column(sa.String(255))
    segment: Mapped[str] = mapped_column(sa.String(48))
    language: Mapped[str] = mapped_column(sa.String(2))
    timezone: Mapped[str] = mapped_column(sa.String(64))
    stage_at_start: Mapped[str | None] = mapped_column(sa.String(16))
    first_text: Mapped[str | None] = mapped_column(sa.Text)  # the manager's edit, if any
    # What the templates are filled with, fixed at the start: the worker has no user's view.
    variables: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default="{}")
    status: Mapped[str] = mapped_column(choice("outreach_run_status", RUN_STATES),
                                        server_default="active")
    stop_reason: Mapped[str | None] = mapped_column(sa.String(32))
    reply_text: Mapped[str | None] = mapped_column(sa.Text)
    replied_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    first_sent_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    started_at: Mapped[datetime] = created_at_column()


class OutreachStep(Base):
    """A step of a run, due at a moment; claimed FOR UPDATE SKIP LOCKED, done once."""

    __tablename__ = "outreach_steps"
    __table_args__ = (
        sa.UniqueConstraint("run_id", "position", name="uq_outreach_steps_run_position"),
        sa.Index("ix_outreach_steps_due", "due_at",
                 postgresql_where=sa.text("status = 'pending'")),
        sa.Index("ix_outreach_steps_account_sent", "account", "done_at"),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    run_id: Mapped[int] = mapped_column(sa.ForeignKey("outreach_runs.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(sa.String(64))
    kind: Mapped[str] = mapped_column(choice("outreach_step_kind", STEP_KINDS))
    due_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    status: Mapped[str] = mapped_column(choice("outreach_step_status", STEP_STATES),
                                        server_default="pending")
    sending_since: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    unconfirmed: Mapped[bool] = mapped_column(server_default=sa.false())
    template_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("outreach_templates.id", ondelete="SET NULL")
    )
    account: Mapped[str | None] = mapped_column(sa.String(64))  # the userbot that sent a DM
    text: Mapped[str | None] = mapped_column(sa.Text)
    error: Mapped[str | None] = mapped_column(sa.String(500))
    done_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))


class OutreachOptOut(Base):
    """A person who asked not to be written to: no chain reaches them again."""

    __tablename__ = "outreach_optouts"

    person_key: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    phrase: Mapped[str | None] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = created_at_column()


class OutreachPause(Base):
    """A userbot account Telegram told to slow down (PeerFlood, FloodWait): no DMs until."""

    __tablename__ = "outreach_pauses"

    account: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    paused_until: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(sa.String(255))
