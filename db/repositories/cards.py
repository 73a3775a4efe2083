from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import LabelCorrection, Post, RequestCard, RequestSource, Source
from db.records.cards import DuplicateProbe, IngestCardRecord, NearCandidate
from db.repositories.card_rows import card_row


def to_record(row: RequestCard) -> IngestCardRecord:
    return card_row(IngestCardRecord, row)


class CardRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, card_id: int) -> IngestCardRecord | None:
        row = await self.session.get(RequestCard, card_id)
        return to_record(row) if row else None

    async def cards_of_items(
        self, items: Sequence[tuple[int, int]]
    ) -> dict[tuple[int, int], int]:
        """(post id, item index) → the card that item is already a source of (re-classified)."""
        if not items:
            return {}
        post_ids = sorted({post_id for post_id, _ in items})
        rows = await self.session.execute(
            sa.select(RequestSource.post_id, RequestSource.item_index, RequestSource.request_id)
            .where(RequestSource.post_id.in_(post_ids))
        )
        wanted = set(items)
        return {(p, i): card for p, i, card in rows.all() if (p, i) in wanted}

    def _near(self, kind: str, since: datetime, until: datetime, post_id: int) -> sa.Select[Any]:
        # A post is never a cross-post of itself: two items of one digest stay two cards.
        same_post = (
            sa.select(RequestSource.id)
            .where(RequestSource.request_id == RequestCard.id, RequestSource.post_id == post_id)
            .exists()
        )
        return sa.select(RequestCard.id).where(
            RequestCard.kind == kind,
            RequestCard.first_seen_at <= until,
            RequestCard.last_seen_at >= since,
            ~same_post,
        )

    async def duplicate_of(self, probe: DuplicateProbe) -> int | None:
        """The card this item repeats exactly: the forward's original, else the same
        fingerprint (lowest id); near copies are near_copy_candidates'. One round trip: the
        lookups are COALESCE's arguments, which PostgreSQL evaluates only until one is found."""
        lookups: list[Any] = []
        if probe.fwd_chat_id is not None and probe.fwd_message_id is not None:
            lookups.append(
                sa.select(RequestSource.request_id)
                .join(Post, Post.id == RequestSource.post_id)
                .join(Source, Source.id == Post.source_id)
                .where(Source.tg_id == probe.fwd_chat_id,
                       Post.message_id == probe.fwd_message_id,
                       RequestSource.item_index == probe.item_index)
                .limit(1).scalar_subquery())
        near = self._near(probe.kind, probe.since, probe.until, probe.post_id)
        if probe.fingerprint is not None:
            lookups.append(near.where(RequestCard.fingerprint == probe.fingerprint)
                           .order_by(RequestCard.id).limit(1).scalar_subquery())
        if not lookups:
            return None
        found = sa.func.coalesce(*lookups) if len(lookups) > 1 else lookups[0]
        return await self.session.scalar(sa.select(found))

    def near_copy_query(
        self, keys: list[int], *, kind: str, since: datetime, until: datetime, post_id: int,
        limit: int,
    ) -> sa.Select[Any]:
        # The cards sharing a key first, on their own: planned beside the window and a LIMIT,
        # `&&` (estimated at thousands of rows) lost to a sequential scan that stops early,
        # 540 ms at 1M cards; materialized it is a bitmap scan of the GIN index.
        sharing = sa.select(RequestCard.id).where(
            RequestCard.band_keys.op("&&")(sa.cast(keys, ARRAY(sa.BigInteger)))
        ).cte("sharing_keys").prefix_with("MATERIALIZED")
        query = self._near(kind, since, until, post_id).add_columns(
            RequestCard.band_keys
        ).where(RequestCard.id.in_(sa.select(sharing.c.id)))
        # No ORDER BY: the caller ranks what is found by shared keys itself.
        return query.limit(limit)

    async def near_copy_candidates(
        self, band_keys: Sequence[int], *, kind: str, since: datetime, until: datetime,
        post_id: int, limit: int, scanned: int = 200, texts_per_card: int = 5,
    ) -> list[NearCandidate]:
        """The `limit` cards in the window sharing most band keys (of at most `scanned`
        sharing any), with the card's text and its first posts' and the card's labels.

        The GIN index answers `&&` from the keys' posting lists, so the cost follows how many
        cards share a key, not how many cards there are."""
        keys = [int(k) for k in band_keys]
        if not keys:
            return []
        query = self.near_copy_query(keys, kind=kind, since=since, until=until,
                                     post_id=post_id, limit=scanned)
        wanted = set(keys)
        ranked = sorted(((len(wanted.intersection(bands)), i)
                         for i, bands in (await self.session.execute(query)).all()),
                        key=lambda row: (-row[0], row[1]))[:limit]
        if not ranked:
            return []
        texts, labels = await self._texts([i for _, i in ranked], texts_per_card)
        return [NearCandidate(i, texts.get(i, ()), shared, *labels.get(i, ((), (), ())))
                for shared, i in ranked]

    async def _texts(self, card_ids: list[int], per_card: int) -> tuple[
        dict[int, tuple[str, ...]], dict[int, tuple[tuple[str, ...], ...]]
    ]:
        order = sa.func.row_number().over(partition_by=RequestSource.request_id,
                                          order_by=RequestSource.id).label("n")
        posts = (
            sa.select(RequestSource.request_id, Post.text, order)
            .join(Post, Post.id == RequestSource.post_id)
            .where(RequestSource.request_id.in_(card_ids))
            .subquery()
        )
        found: dict[int, list[str]] = {}
        labels: dict[int, tuple[tuple[str, ...], ...]] = {}
        # The labels ride on the query that reads the card's text: no round trip of their own.
        for card_id, text, roles, stack, grades in (await self.session.execute(
            sa.select(RequestCard.id, RequestCard.text, RequestCard.roles, RequestCard.stack,
                      RequestCard.grades).where(RequestCard.id.in_(card_ids))
        )).all():
            found[card_id] = [text]
            labels[card_id] = (tuple(roles or ()), tuple(stack or ()), tuple(grades or ()))
        for card_id, text, _ in (await self.session.execute(
            sa.select(posts).where(posts.c.n <= per_card)
        )).all():
            if text not in found.setdefault(card_id, []):
                found[card_id].append(text)
        return {card_id: tuple(texts) for card_id, texts in found.items()}, labels

    async def add_band_keys(self, card_id: int, keys: Sequence[int], cap: int) -> None:
        """A merged post's keys join its card's, so copies of that post find the card too,
        until the card holds `cap` keys."""
        if not keys:
            return
        merged = sa.select(sa.func.array_agg(sa.distinct(sa.column("k")))).select_from(
            sa.func.unnest(RequestCard.band_keys.op("||")(
                sa.cast([int(k) for k in keys], ARRAY(sa.BigInteger)))).alias("k")
        ).scalar_subquery()
        await self.session.execute(
            sa.update(RequestCard)
            .where(RequestCard.id == card_id, sa.func.cardinality(RequestCard.band_keys) < cap)
            .values(band_keys=merged)
        )

    async def corrected_fields(self, card_id: int) -> set[str]:
        """The label fields a manager corrected on this card (crm.corrections.FIELDS names)."""
        query = sa.select(LabelCorrection.field).where(LabelCorrection.request_id == card_id)
        return set((await self.session.scalars(query.distinct())).all())

    async def create(self, **values: Any) -> int:
        # Core, not an ORM object: nothing to track, one INSERT ... RETURNING.
        inserted = await self.session.execute(
            sa.insert(RequestCard).values(**values).returning(RequestCard.id))
        return int(inserted.scalar_one())

    async def attach(
        self, card_id: int, *, post_id: int, item_index: int, source_id: int, posted_at: datetime
    ) -> None:
        """The post becomes one of the card's sources; the card's count and seen-at follow.
        One statement: the main UPDATE cannot see the CTE's row, so it is counted apart."""
        added = (
            insert(RequestSource)
            .values(request_id=card_id, post_id=post_id, item_index=item_index,
                    source_id=source_id, posted_at=posted_at)
            .on_conflict_do_nothing(constraint="uq_request_sources_post_item")
            .returning(RequestSource.id)
            .cte("added")
        )
        before = sa.select(sa.func.count()).where(RequestSource.request_id == card_id)
        await self.update(
            card_id,
            source_count=before.scalar_subquery()
            + sa.select(sa.func.count()).select_from(added).scalar_subquery(),
            first_seen_at=sa.func.least(RequestCard.first_seen_at, posted_at),
            last_seen_at=sa.func.greatest(RequestCard.last_seen_at, posted_at),
        )

    async def update(self, card_id: int, **values: Any) -> None:
        await self.session.execute(
            sa.update(RequestCard).where(RequestCard.id == card_id).values(**values)
        )

    async def sources_of(self, card_id: int) -> list[tuple[int, int, int]]:
        """(source_id, post_id, item_index) of every post the card was seen in."""
        query = (
            sa.select(RequestSource.source_id, RequestSource.post_id, RequestSource.item_index)
            .where(RequestSource.request_id == card_id)
            .order_by(RequestSource.id)
        )
        return [tuple(row) for row in (await self.session.execute(query)).all()]  # type: ignore[misc]

    async def detach_posts(self, post_ids: Sequence[int]) -> list[int]:
        """A deleted post leaves the cards it was a source of; returns those cards' ids."""
        if not post_ids:
            return []
        gone = await self.session.scalars(
            sa.delete(RequestSource).where(RequestSource.post_id.in_(list(post_ids)))
            .returning(RequestSource.request_id)
        )
        card_ids = sorted(set(gone.all()))
        for card_id in card_ids:
            count = sa.select(sa.func.count()).where(RequestSource.request_id == card_id)
            await self.update(card_id, source_count=count.scalar_subquery())
        return card_ids

    async def withdraw_orphans(
        self, card_ids: Sequence[int], at: datetime
    ) -> list[tuple[int, int | None, str, str]]:
        """Cards among these with no source left are withdrawn (and never matched from now
        on); returns (id, owner_user_id, stage, title) of each."""
        if not card_ids:
            return []
        orphan = ~sa.exists().where(RequestSource.request_id == RequestCard.id)
        rows = await self.session.execute(
            sa.update(RequestCard)
            .where(RequestCard.id.in_(list(card_ids)), RequestCard.withdrawn_at.is_(None), orphan)
            .values(withdrawn_at=at, matched_at=sa.func.coalesce(RequestCard.matched_at, at))
            .returning(RequestCard.id, RequestCard.owner_user_id, RequestCard.stage,
                       RequestCard.title)
        )
        return [(i, owner, stage, title) for i, owner, stage, title in rows.all()]

    async def all_ids(self) -> list[int]:
        return list((await self.session.scalars(sa.select(RequestCard.id).order_by("id"))).all())
