from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, choice, created_at_column
from db.models.enums import CONTACT_KINDS


class Client(Base):
    """A company or person that posts requests."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id", ondelete="SET NULL"))
    owner_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    # Set by resolution and the nightly recompute (0007); a manager's rename keeps name_key.
    name_key: Mapped[str | None] = mapped_column(sa.String(255), index=True)
    merged_into_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="SET NULL")
    )
    lifecycle: Mapped[str | None] = mapped_column(sa.String(16), index=True)
    segment: Mapped[str | None] = mapped_column(sa.String(24), index=True)
    at_risk: Mapped[bool] = mapped_column(server_default=sa.false())
    churn_risk: Mapped[float | None]
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    computed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (sa.UniqueConstraint("kind", "value", name="uq_contacts_kind_value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(choice("contact_kind", CONTACT_KINDS))
    value: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = created_at_column()


class ClientKey(Base):
    """A merge key of a client: a normalised company name, a contact or a chat author.

    `shared`: seen with two different companies (an agency, a board's admin), so it no longer
    merges anything; it stays as evidence.
    """

    __tablename__ = "client_keys"

    kind: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    shared: Mapped[bool] = mapped_column(server_default=sa.false())
    created_at: Mapped[datetime] = created_at_column()


class ClientEvidence(Base):
    """Why a post's card belongs to a client: which key, found how, in which post."""

    __tablename__ = "client_evidence"

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    client_id: Mapped[int] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    post_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(16))
    value: Mapped[str] = mapped_column(sa.String(255))
    how: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[datetime] = created_at_column()


class ClientState(Base):
    """A client's lifecycle, segment and churn risk each time the nightly run changed them."""

    __tablename__ = "client_states"
    __table_args__ = (sa.Index("ix_client_states_client", "client_id", "computed_at"),)

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    client_id: Mapped[int] = mapped_column(sa.ForeignKey("clients.id", ondelete="CASCADE"))
    lifecycle: Mapped[str] = mapped_column(sa.String(16))
    segment: Mapped[str] = mapped_column(sa.String(24))
    at_risk: Mapped[bool] = mapped_column(server_default=sa.false())
    churn_risk: Mapped[float | None]
    reason: Mapped[str | None] = mapped_column(sa.String(255))
    computed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
