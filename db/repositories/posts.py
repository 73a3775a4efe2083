from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Classification, Post, PostVersion
from db.records.posts import PendingPost, PostDraft, PostRecord, StoredPost

# Namespace of the advisory locks that serialise writers of one source's posts.
_STORE_LOCK = 7301


def initial_state(text: str) -> str:
    return "pending" if text.strip() else "skipped"


def _values(source_id: int, draft: PostDraft) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "message_id": draft.message_id,
        "grouped_id": draft.grouped_id,
        "album_message_ids": list(draft.album_message_ids) or None,
        "text": draft.text,
        "entities": [dict(e) for e in draft.entities] or None,
        "media": [dict(m) for m in draft.media] or None,
        "author_id": draft.author_id,
        "author_name": draft.author_name,
        "reply_to_message_id": draft.reply_to_message_id,
        "fwd_chat_id": draft.fwd_chat_id,
        "fwd_message_id": draft.fwd_message_id,
        "posted_at": draft.posted_at,
        "edited_at": draft.edited_at,
        "permalink": draft.permalink,
        "classify_state": initial_state(draft.text),
    }


def _stored(row: Post) -> StoredPost:
    return StoredPost(
        row.id,
        row.message_id,
        row.grouped_id,
        tuple(row.album_message_ids or ()),
        row.text,
        row.version,
        row.edited_at,
    )


def to_record(row: Post) -> PostRecord:
    return PostRecord(
        id=row.id,
        source_id=row.source_id,
        message_id=row.message_id,
        grouped_id=row.grouped_id,
        album_message_ids=tuple(row.album_message_ids or ()),
        text=row.text,
        entities=tuple(row.entities or ()),
        media=tuple(row.media or ()),
        author_id=row.author_id,
        author_name=row.author_name,
        reply_to_message_id=row.reply_to_message_id,
        fwd_chat_id=row.fwd_chat_id,
        fwd_message_id=row.fwd_message_id,
        posted_at=row.posted_at,
        edited_at=row.edited_at,
        deleted_at=row.deleted_at,
        permalink=row.permalink,
        version=row.version,
        classify_state=row.classify_state,
    )


class PostRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_source(self, source_id: int) -> None:
        """Live events and gap filling may store the same album at once: one writer per source."""
        await self.session.execute(
            sa.select(sa.func.pg_advisory_xact_lock(_STORE_LOCK, source_id))
        )

    async def insert_new(self, source_id: int, drafts: Sequence[PostDraft]) -> set[int]:
        """Insert what is not there yet; returns the message ids actually inserted."""
        if not drafts:
            return set()
        # executemany form: SQLAlchemy's insertmanyvalues batches it with one cached statement.
        query = (
            insert(Post)
            .on_conflict_do_nothing(constraint="uq_posts_source_message")
            .returning(Post.message_id)
        )
        rows = [_values(source_id, d) for d in drafts]
        return set((await self.session.scalars(query, rows)).all())

    async def existing(self, source_id: int, message_ids: Collection[int]) -> list[StoredPost]:
        query = sa.select(Post).where(
            Post.source_id == source_id, Post.message_id.in_(list(message_ids))
        )
        return [_stored(row) for row in (await self.session.scalars(query)).all()]

    async def by_group(self, source_id: int, grouped_id: int) -> StoredPost | None:
        query = sa.select(Post).where(Post.source_id == source_id, Post.grouped_id == grouped_id)
        row = (await self.session.scalars(query.order_by(Post.message_id).limit(1))).first()
        return _stored(row) if row else None

    async def replace_text(self, old: StoredPost, draft: PostDraft) -> None:
        """An edit: keep the old text as a version, bump the version, queue classification."""
        current = await self.session.get(Post, old.id)
        assert current is not None
        self.session.add(
            PostVersion(
                post_id=old.id,
                version=old.version,
                text=old.text,
                entities=current.entities,
                edited_at=old.edited_at,
            )
        )
        await self.update(
            old.id,
            text=draft.text,
            entities=[dict(e) for e in draft.entities] or None,
            edited_at=draft.edited_at,
            version=old.version + 1,
            classify_state=initial_state(draft.text),
        )

    async def update(self, post_id: int, **values: Any) -> None:
        await self.session.execute(sa.update(Post).where(Post.id == post_id).values(**values))

    async def mark_deleted(
        self, source_id: int, message_ids: Collection[int], at: datetime
    ) -> list[int]:
        """Marks the posts (an album by any of its message ids); returns their post ids."""
        ids = list(message_ids)
        result = await self.session.scalars(
            sa.update(Post)
            .where(
                Post.source_id == source_id,
                Post.message_id.in_(ids)
                | Post.album_message_ids.op("&&")(sa.literal(ids, sa.ARRAY(sa.BigInteger))),
                Post.deleted_at.is_(None),
            )
            .values(deleted_at=at)
            .returning(Post.id)
        )
        return list(result.all())

    async def alive_since(self, source_id: int, since: datetime) -> list[StoredPost]:
        """Posts of a source not marked deleted, posted at or after `since`."""
        query = sa.select(Post).where(
            Post.source_id == source_id, Post.posted_at >= since, Post.deleted_at.is_(None)
        )
        return [_stored(row) for row in (await self.session.scalars(query)).all()]

    async def get(self, source_id: int, message_id: int) -> PostRecord | None:
        row = await self.session.scalar(
            sa.select(Post).where(Post.source_id == source_id, Post.message_id == message_id)
        )
        return to_record(row) if row else None

    async def claim_pending(self, limit: int) -> list[PendingPost]:
        """Lock a batch of pending posts; rows another worker holds are skipped, not waited on."""
        query = (
            sa.select(
                Post.id,
                Post.source_id,
                Post.version,
                Post.text,
                Post.posted_at,
                Post.fwd_chat_id,
                Post.fwd_message_id,
            )
            .where(Post.classify_state == "pending")
            .order_by(Post.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [PendingPost(*row) for row in (await self.session.execute(query)).all()]

    async def set_state(self, post_ids: Collection[int], state: str) -> None:
        if post_ids:
            await self.session.execute(
                sa.update(Post).where(Post.id.in_(list(post_ids))).values(classify_state=state)
            )

    async def mark_failed(self, post_id: int, error: str, at: datetime) -> None:
        await self.session.execute(
            sa.update(Post).where(Post.id == post_id).values(
                classify_state="failed", classify_error=error, classify_failed_at=at,
                classify_attempts=Post.classify_attempts + 1,
            )
        )

    async def requeue_failed(self, *, cap: int, failed_before: datetime) -> int:
        result = await self.session.execute(
            sa.update(Post)
            .where(Post.classify_state == "failed", Post.classify_attempts < cap,
                   Post.classify_failed_at < failed_before, Post.deleted_at.is_(None))
            .values(classify_state="pending")
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def pending_count(self) -> int:
        query = sa.select(sa.func.count()).where(Post.classify_state == "pending")
        return int(await self.session.scalar(query) or 0)

    async def add_classifications(self, rows: Sequence[dict[str, Any]]) -> None:
        """A batch's verdicts in one multi-row INSERT (no ORM objects to track per row)."""
        if rows:
            await self.session.execute(sa.insert(Classification), list(rows))
