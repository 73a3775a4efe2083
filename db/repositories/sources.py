from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import CollectorAccount, ResolvedUsername, Source
from db.records.sources import AccountRecord, ChatInfo, SourceRecord

# Channels and supergroups count against an account's limit; unresolved refs count too (they
# will most likely turn out to be one).
LIMITED_KINDS = ("channel", "supergroup")


def _record(row: Source, account_name: str | None) -> SourceRecord:
    return SourceRecord(
        id=row.id,
        tg_id=row.tg_id,
        ref=row.ref,
        kind=row.kind,
        username=row.username,
        title=row.title,
        enabled=row.enabled,
        account_id=row.account_id,
        account_name=account_name,
        read_cursor=row.read_cursor,
        last_post_at=row.last_post_at,
        last_read_at=row.last_read_at,
        last_error=row.last_error,
        last_error_at=row.last_error_at,
        retry_after=row.retry_after,
    )


class SourceRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _select(self) -> Any:
        return sa.select(Source, CollectorAccount.name).outerjoin(
            CollectorAccount, CollectorAccount.id == Source.account_id
        )

    async def get(self, source_id: int) -> SourceRecord | None:
        row = (await self.session.execute(self._select().where(Source.id == source_id))).first()
        return _record(row[0], row[1]) if row else None

    async def find(
        self, *, tg_id: int | None = None, ref: str | None = None
    ) -> SourceRecord | None:
        cond = (
            Source.tg_id == tg_id
            if tg_id is not None
            else sa.func.lower(Source.ref) == ((ref or "").lower())
        )
        row = (await self.session.execute(self._select().where(cond))).first()
        return _record(row[0], row[1]) if row else None

    async def all(
        self, *, account_id: int | None = None, enabled_only: bool = False
    ) -> list[SourceRecord]:
        query = self._select().order_by(Source.id)
        if account_id is not None:
            query = query.where(Source.account_id == account_id)
        if enabled_only:
            query = query.where(Source.enabled.is_(True))
        return [_record(row[0], row[1]) for row in (await self.session.execute(query)).all()]

    async def add(
        self,
        *,
        ref: str,
        username: str | None = None,
        chat: ChatInfo | None = None,
        enabled: bool = True,
    ) -> SourceRecord:
        row = Source(ref=ref, username=username, enabled=enabled)
        if chat is not None:
            row.tg_id, row.kind, row.title = chat.tg_id, chat.kind, chat.title
            row.username = chat.username or username
        self.session.add(row)
        await self.session.flush()
        found = await self.get(row.id)
        assert found is not None
        return found

    async def update(self, source_id: int, **values: Any) -> None:
        await self.session.execute(
            sa.update(Source).where(Source.id == source_id).values(**values)
        )

    async def advance(
        self,
        source_id: int,
        *,
        cursor: int | None,
        last_post_at: datetime | None,
        read_at: datetime | None,
    ) -> None:
        """Cursors and last-post times only move forward, whatever order batches commit in."""
        values: dict[str, Any] = {}
        if cursor is not None:
            values["read_cursor"] = sa.func.greatest(Source.read_cursor, cursor)
        if last_post_at is not None:
            values["last_post_at"] = sa.func.greatest(
                sa.func.coalesce(Source.last_post_at, last_post_at), last_post_at
            )
        if read_at is not None:
            # A history batch came through: the chat is readable again.
            values.update(last_read_at=read_at, last_error=None, retry_after=None)
        if values:
            await self.update(source_id, **values)

    async def count_limited(self, account_id: int) -> int:
        query = sa.select(sa.func.count()).where(
            Source.account_id == account_id,
            sa.or_(Source.kind.in_(LIMITED_KINDS), Source.tg_id.is_(None)),
        )
        return int(await self.session.scalar(query) or 0)

    async def unassigned_ids(self, limit: int) -> list[int]:
        """Locks what it returns until commit: two accounts starting at once take disjoint
        chats (SKIP LOCKED: the second takes the next ones instead of waiting)."""
        query = (
            sa.select(Source.id)
            .where(Source.account_id.is_(None), Source.enabled.is_(True))
            .order_by(Source.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list((await self.session.scalars(query)).all())


class AccountRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_name(self, name: str) -> AccountRecord | None:
        count = (
            sa.select(sa.func.count())
            .where(Source.account_id == CollectorAccount.id)
            .scalar_subquery()
        )
        row = (
            await self.session.execute(
                sa.select(CollectorAccount, count).where(CollectorAccount.name == name)
            )
        ).first()
        if row is None:
            return None
        acc, sources = row
        return AccountRecord(acc.id, acc.name, acc.max_sources, acc.heartbeat_at, int(sources))

    async def ensure(self, name: str) -> AccountRecord:
        await self.session.execute(
            insert(CollectorAccount)
            .values(name=name)
            .on_conflict_do_nothing(index_elements=[CollectorAccount.name])
        )
        found = await self.by_name(name)
        assert found is not None
        return found

    async def heartbeat(self, account_id: int, at: datetime) -> None:
        await self.session.execute(
            sa.update(CollectorAccount)
            .where(CollectorAccount.id == account_id)
            .values(heartbeat_at=at)
        )


class ResolvedUsernameRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, username: str) -> ChatInfo | None:
        row = await self.session.get(ResolvedUsername, username.lower())
        if row is None:
            return None
        return ChatInfo(row.tg_id, row.kind, row.title, username, row.access_hash)

    async def put(self, username: str, chat: ChatInfo) -> None:
        values = {
            "tg_id": chat.tg_id,
            "access_hash": chat.access_hash,
            "kind": chat.kind,
            "title": chat.title,
        }
        await self.session.execute(
            insert(ResolvedUsername)
            .values(username=username.lower(), **values)
            .on_conflict_do_update(index_elements=[ResolvedUsername.username], set_=values)
        )
