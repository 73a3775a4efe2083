from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, TextList, choice, created_at_column
from db.models.enums import CARD_KINDS, STAGES

# What free-text search reads: the Russian configuration stems Russian words and hands ASCII
# words to the English stemmer, so "разработчика" finds "разработчик" and "developers" finds
# "developer". Stored and generated, so every writer keeps it current without knowing of it.
SEARCH_DOCUMENT = (
    "to_tsvector('russian'::regconfig, coalesce(title, '') || ' ' || coalesce(text, ''))"
)


class RequestCard(Base):
    """One request (or bench offer) however many chats it was posted in; the unit of the feed/CRM.

    Label columns are denormalised from the latest classification so the feed filters on
    indexed columns instead of JSON.
    """

    __tablename__ = "request_cards"
    __table_args__ = (
        sa.Index("ix_request_cards_feed", sa.text("first_seen_at DESC"), sa.text("id DESC")),
        sa.Index("ix_request_cards_roles", "roles", postgresql_using="gin"),
        sa.Index("ix_request_cards_stack", "stack", postgresql_using="gin"),
        sa.Index("ix_request_cards_grades", "grades", postgresql_using="gin"),
        sa.Index("ix_request_cards_formats", "formats", postgresql_using="gin"),
        sa.Index("ix_request_cards_owner_stage", "owner_user_id", "stage"),
        sa.Index("ix_request_cards_stage_moved", "stage", "stage_changed_at"),
        # The Mini App's board of one team or one owner, a column at a time, most recently
        # moved first: walked in order, a column's first cards cost the same at any size.
        sa.Index("ix_request_cards_team_stage_moved", "team_id", "stage", "stage_changed_at"),
        sa.Index("ix_request_cards_owner_stage_moved", "owner_user_id", "stage",
                 "stage_changed_at"),
        sa.Index("ix_request_cards_fingerprint", "fingerprint", "first_seen_at"),
        sa.Index("ix_request_cards_search", "search_tsv", postgresql_using="gin"),
        # Near-copy candidates: cards sharing a MinHash band key with a new post (0010).
        sa.Index("ix_request_cards_band_keys", "band_keys", postgresql_using="gin"),
        # The client card's requests, newest first (0007).
        sa.Index("ix_request_cards_client_seen", "client_id", "first_seen_at"),
        # The search matcher's queue: cards not yet matched against saved searches.
        sa.Index(
            "ix_request_cards_unmatched", "id", postgresql_where=sa.text("matched_at IS NULL")
        ),
        # The bench-fit matcher's queue: new and re-labelled cards.
        sa.Index(
            "ix_request_cards_fit_unmatched", "id",
            postgresql_where=sa.text("fit_matched_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    kind: Mapped[str] = mapped_column(choice("card_kind", CARD_KINDS), server_default="request")
    title: Mapped[str] = mapped_column(sa.String(255), server_default="")
    text: Mapped[str] = mapped_column(sa.Text, server_default="")
    roles: Mapped[list[str]] = mapped_column(TextList, server_default="{}")
    stack: Mapped[list[str]] = mapped_column(TextList, server_default="{}")
    grades: Mapped[list[str]] = mapped_column(TextList, server_default="{}")
    formats: Mapped[list[str]] = mapped_column(TextList, server_default="{}")
    employment: Mapped[list[str]] = mapped_column(TextList, server_default="{}")
    location: Mapped[str | None] = mapped_column(sa.String(128))
    rate_min: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    rate_max: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    rate_currency: Mapped[str | None] = mapped_column(sa.String(8))
    rate_period: Mapped[str | None] = mapped_column(sa.String(16))
    # Rates normalised to RUB per hour: what the feed's rate filter and bench matching compare.
    rate_rub_hour_min: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2), index=True)
    rate_rub_hour_max: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2), index=True)
    duration_months: Mapped[float | None]
    headcount: Mapped[int | None]
    confidences: Mapped[dict[str, float] | None] = mapped_column(JSONB)
    needs_review: Mapped[bool] = mapped_column(server_default=sa.false())
    model_version: Mapped[str | None] = mapped_column(sa.String(64))
    fingerprint: Mapped[str | None] = mapped_column(sa.String(64))
    simhash: Mapped[int | None] = mapped_column(sa.BigInteger)
    band_keys: Mapped[list[int]] = mapped_column(
        ARRAY(sa.BigInteger), server_default="{}", deferred=True
    )
    first_seen_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    source_count: Mapped[int] = mapped_column(server_default="1")
    stage: Mapped[str] = mapped_column(choice("stage", STAGES), server_default="new")
    stage_changed_at: Mapped[datetime] = created_at_column()
    owner_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id", ondelete="SET NULL"))
    client_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("clients.id", ondelete="SET NULL"), index=True
    )
    lost_reason: Mapped[str | None] = mapped_column(sa.String(255))
    reminded_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # Every post it was seen in was deleted: out of the feed and the matcher, never pushed.
    withdrawn_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    matched_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    fit_matched_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    created_at: Mapped[datetime] = created_at_column()
    # Deferred: the feed loads whole rows and has no use for the document.
    search_tsv: Mapped[Any] = mapped_column(
        TSVECTOR, sa.Computed(SEARCH_DOCUMENT, persisted=True), deferred=True
    )


class RequestSource(Base):
    """A post (or one item of a digest post) that a card was seen in."""

    __tablename__ = "request_sources"
    __table_args__ = (
        sa.UniqueConstraint("post_id", "item_index", name="uq_request_sources_post_item"),
        sa.Index("ix_request_sources_request", "request_id"),
        sa.Index("ix_request_sources_source", "source_id", "request_id"),
        # Analytics: the channel chart reads the sightings of a period.
        sa.Index("ix_request_sources_posted", "posted_at"),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("request_cards.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"))
    item_index: Mapped[int] = mapped_column(server_default="0")
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("sources.id", ondelete="CASCADE"))
    posted_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))


class HiddenCard(Base):
    __tablename__ = "hidden_cards"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("request_cards.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = created_at_column()


class LabelCorrection(Base):
    """A manager's fix of a label: training data for the classifier and taxonomy aliases."""

    __tablename__ = "label_corrections"

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("request_cards.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    field: Mapped[str] = mapped_column(sa.String(32))
    old_value: Mapped[Any] = mapped_column(JSONB)
    new_value: Mapped[Any] = mapped_column(JSONB)
    created_at: Mapped[datetime] = created_at_column()


class TaxonomyAlias(Base):
    """A spelling managers taught the taxonomy (e.g. "реактик" → React)."""

    __tablename__ = "taxonomy_aliases"

    alias: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    canonical: Mapped[str] = mapped_column(sa.String(64))
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = created_at_column()
