from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base, choice, created_at_column
from db.models.enums import CLASSIFY_STATES, POST_KINDS


class Post(Base):
    """One message (or one album) as read from a source; never deleted, only marked."""

    __tablename__ = "posts"
    __table_args__ = (
        sa.UniqueConstraint("source_id", "message_id", name="uq_posts_source_message"),
        # The classifier's work queue: only pending rows are indexed, so it stays tiny.
        sa.Index(
            "ix_posts_classify_pending",
            "id",
            postgresql_where=sa.text("classify_state = 'pending'"),
        ),
        sa.Index(
            "ix_posts_source_grouped",
            "source_id",
            "grouped_id",
            postgresql_where=sa.text("grouped_id IS NOT NULL"),
        ),
        # Analytics: a source's posts in a period and its latest post, without a scan.
        sa.Index("ix_posts_source_posted", "source_id", "posted_at"),
        sa.Index(
            "ix_posts_fwd_origin",
            "fwd_chat_id",
            "fwd_message_id",
            postgresql_where=sa.text("fwd_chat_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("sources.id", ondelete="RESTRICT"))
    message_id: Mapped[int] = mapped_column(sa.BigInteger)
    grouped_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    album_message_ids: Mapped[list[int] | None] = mapped_column(sa.ARRAY(sa.BigInteger))
    text: Mapped[str] = mapped_column(sa.Text, server_default="")
    entities: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)
    media: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)
    author_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    author_name: Mapped[str | None] = mapped_column(sa.String(255))
    reply_to_message_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    fwd_chat_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    fwd_message_id: Mapped[int | None] = mapped_column(sa.BigInteger)
    posted_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), index=True)
    edited_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    permalink: Mapped[str | None] = mapped_column(sa.String(255))
    version: Mapped[int] = mapped_column(server_default="1")
    classify_state: Mapped[str] = mapped_column(
        choice("classify_state", CLASSIFY_STATES), server_default="pending"
    )
    # A failed post keeps why and how often, so the periodic retry can give up on it.
    classify_error: Mapped[str | None] = mapped_column(sa.Text)
    classify_attempts: Mapped[int] = mapped_column(server_default="0")
    classify_failed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    stored_at: Mapped[datetime] = created_at_column()


class PostVersion(Base):
    """A text a post had before an edit replaced it."""

    __tablename__ = "post_versions"
    __table_args__ = (sa.UniqueConstraint("post_id", "version", name="uq_post_versions_version"),)

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"))
    version: Mapped[int]
    text: Mapped[str] = mapped_column(sa.Text)
    entities: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)
    edited_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    recorded_at: Mapped[datetime] = created_at_column()


class Classification(Base):
    """The classifier's verdict on one version of a post (kept for every version and model)."""

    __tablename__ = "classifications"
    __table_args__ = (sa.Index("ix_classifications_post", "post_id", "id"),)

    id: Mapped[int] = mapped_column(sa.BigInteger, sa.Identity(), primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"))
    post_version: Mapped[int]
    item_index: Mapped[int] = mapped_column(server_default="0")
    model_version: Mapped[str] = mapped_column(sa.String(64))
    kind: Mapped[str] = mapped_column(choice("post_kind", POST_KINDS))
    labels: Mapped[dict[str, Any]] = mapped_column(JSONB)
    confidences: Mapped[dict[str, float]] = mapped_column(JSONB)
    needs_review: Mapped[bool] = mapped_column(server_default=sa.false())
    unreadable: Mapped[bool] = mapped_column(server_default=sa.false())
    created_at: Mapped[datetime] = created_at_column()
