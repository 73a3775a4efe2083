"""Reads of request cards for the feed, the card screen and the search matcher."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    HiddenCard,
    LabelCorrection,
    Post,
    RequestCard,
    RequestSource,
    Source,
)
from db.records.feed import CardRecord, CardSourceRecord, FeedCursor, FeedFilters, FeedPage
from db.records.users import UserRecord
from db.repositories.card_rows import card_row

TextArray = sa.ARRAY(sa.String(64))


def overlaps(column: Any, values: Sequence[str]) -> sa.ColumnElement[bool]:
    """`column && ARRAY[...]`: the GIN indexes on the label arrays serve this operator."""
    return column.op("&&")(sa.cast(list(values), TextArray))


def card_record(row: RequestCard, sources: Sequence[CardSourceRecord] = ()) -> CardRecord:
    return card_row(CardRecord, row, sources=tuple(sources))


def label_conditions(filters: FeedFilters) -> list[sa.ColumnElement[bool]]:
    c = RequestCard
    where: list[sa.ColumnElement[bool]] = []
    if filters.kind:
        where.append(c.kind == filters.kind)
    for column, values in (
        (c.roles, filters.roles), (c.stack, filters.stack), (c.grades, filters.grades),
        (c.formats, filters.formats),
    ):
        if values:
            where.append(overlaps(column, values))
    if filters.rate_min is not None:
        high = sa.func.coalesce(c.rate_rub_hour_max, c.rate_rub_hour_min)
        where.append(high >= filters.rate_min)
    if filters.rate_max is not None:
        low = sa.func.coalesce(c.rate_rub_hour_min, c.rate_rub_hour_max)
        where.append(low <= filters.rate_max)
    if filters.period_days:
        since = datetime.now(UTC) - timedelta(days=filters.period_days)
        where.append(c.first_seen_at >= since)
    return where


def scope_conditions(viewer: UserRecord, c: Any = RequestCard) -> list[sa.ColumnElement[bool]]:
    """The same rule as crm.access.can_see, in SQL (admins see everything); `c` may be an
    alias of request_cards (the text search filters a subquery of the newest cards)."""
    if viewer.is_admin:
        return []
    where: list[sa.ColumnElement[bool]] = [
        sa.or_(c.team_id.is_(None), c.team_id == viewer.team_id)
    ]
    if viewer.scope_roles is not None:
        where.append(overlaps(c.roles, viewer.scope_roles))
    if viewer.scope_source_ids is not None:
        where.append(
            sa.exists().where(
                RequestSource.request_id == c.id,
                RequestSource.source_id.in_(viewer.scope_source_ids),
            )
        )
    return where


class FeedRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(
        self, filters: FeedFilters, viewer: UserRecord, cursor: FeedCursor | None, limit: int
    ) -> FeedPage:
        c = RequestCard
        query = sa.select(c).where(
            *label_conditions(filters), *scope_conditions(viewer), c.withdrawn_at.is_(None),
            ~sa.exists().where(HiddenCard.request_id == c.id, HiddenCard.user_id == viewer.id),
        )
        if cursor is not None:
            query = query.where(
                sa.tuple_(c.first_seen_at, c.id) < sa.tuple_(cursor.first_seen_at, cursor.card_id)
            )
        query = query.order_by(c.first_seen_at.desc(), c.id.desc()).limit(limit + 1)
        rows = list(await self.session.scalars(query))
        more = len(rows) > limit
        rows = rows[:limit]
        sources = await self.sources_of([r.id for r in rows])
        cards = tuple(card_record(r, sources.get(r.id, ())) for r in rows)
        last = cards[-1] if cards else None
        next_cursor = FeedCursor(last.first_seen_at, last.id) if more and last else None
        return FeedPage(cards=cards, next_cursor=next_cursor)

    async def sources_of(self, card_ids: Sequence[int]) -> dict[int, list[CardSourceRecord]]:
        if not card_ids:
            return {}
        query = (
            sa.select(RequestSource.request_id, RequestSource.source_id, Source.title,
                      Source.username, Post.permalink, RequestSource.posted_at)
            .join(Source, Source.id == RequestSource.source_id)
            .join(Post, Post.id == RequestSource.post_id)
            .where(RequestSource.request_id.in_(card_ids))
            .order_by(RequestSource.posted_at)
        )
        found: dict[int, list[CardSourceRecord]] = {}
        for card_id, source_id, title, username, permalink, posted_at in (
            await self.session.execute(query)
        ).all():
            found.setdefault(card_id, []).append(
                CardSourceRecord(source_id, title, username, permalink, posted_at)
            )
        return found

    async def card(self, card_id: int, *, lock: bool = False) -> CardRecord | None:
        query = sa.select(RequestCard).where(RequestCard.id == card_id)
        row = await self.session.scalar(query.with_for_update() if lock else query)
        if row is None:
            return None
        sources = await self.sources_of([card_id])
        return card_record(row, sources.get(card_id, ()))

    async def cards(self, card_ids: Sequence[int]) -> dict[int, CardRecord]:
        if not card_ids:
            return {}
        rows = list(await self.session.scalars(
            sa.select(RequestCard).where(RequestCard.id.in_(list(card_ids)))))
        sources = await self.sources_of([r.id for r in rows])
        return {r.id: card_record(r, sources.get(r.id, ())) for r in rows}

    async def claim_unmatched(self, limit: int) -> list[CardRecord]:
        """Cards not yet matched, locked; a second matcher skips them instead of waiting."""
        query = (
            sa.select(RequestCard).where(RequestCard.matched_at.is_(None))
            .order_by(RequestCard.id).limit(limit).with_for_update(skip_locked=True)
        )
        rows = list(await self.session.scalars(query))
        sources = await self.sources_of([r.id for r in rows])
        return [card_record(r, sources.get(r.id, ())) for r in rows]

    async def mark_matched(self, card_ids: Sequence[int], at: datetime) -> None:
        await self.session.execute(
            sa.update(RequestCard).where(RequestCard.id.in_(card_ids)).values(matched_at=at)
        )

    async def top_stacks(self, days: int, limit: int) -> list[str]:
        since = datetime.now(UTC) - timedelta(days=days)
        item = sa.func.unnest(RequestCard.stack).label("item")
        inner = sa.select(item).where(RequestCard.first_seen_at >= since).subquery()
        query = (
            sa.select(inner.c.item).group_by(inner.c.item)
            .order_by(sa.func.count().desc(), inner.c.item).limit(limit)
        )
        return list(await self.session.scalars(query))

    async def update_card(self, card_id: int, **values: Any) -> None:
        await self.session.execute(
            sa.update(RequestCard).where(RequestCard.id == card_id).values(**values)
        )

    async def hide(self, card_id: int, user_id: int) -> None:
        await self.session.execute(
            insert(HiddenCard).values(user_id=user_id, request_id=card_id).on_conflict_do_nothing()
        )

    async def unhide(self, card_id: int, user_id: int) -> None:
        await self.session.execute(sa.delete(HiddenCard).where(
            HiddenCard.request_id == card_id, HiddenCard.user_id == user_id))

    async def add_correction(
        self, card_id: int, user_id: int, field: str, old_value: Any, new_value: Any
    ) -> None:
        self.session.add(LabelCorrection(
            request_id=card_id, user_id=user_id, field=field, old_value=old_value,
            new_value=new_value,
        ))
