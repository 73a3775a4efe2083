"""Client merge keys, their evidence, and the posts resolution reads; never commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Client,
    ClientEvidence,
    ClientKey,
    Contact,
    Post,
    RequestCard,
    RequestSource,
    Source,
)

KEY_CHARS = 255


@dataclass(frozen=True)
class PostFacts:
    """What resolution reads of one post, with the cards it made that have no client yet."""

    post_id: int
    text: str
    author_id: int | None
    author_name: str | None
    source_username: str | None
    card_ids: tuple[int, ...]


@dataclass(frozen=True)
class KeyOwner:
    kind: str
    value: str
    client_id: int
    shared: bool


class ClientKeyRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def boards(self) -> set[str]:
        """Usernames of the channels we read: a contact equal to one is a board, not a client."""
        query = sa.select(Source.username).where(Source.username.is_not(None))
        rows = await self.session.scalars(query)
        return {str(u).lower() for u in rows}

    async def post_facts(self, post_ids: Sequence[int]) -> list[PostFacts]:
        """The posts with the cards they made that have no client (a manager's link stays)."""
        if not post_ids:
            return []
        cards = (
            sa.select(sa.func.array_agg(sa.distinct(RequestCard.id)))
            .join(RequestSource, RequestSource.request_id == RequestCard.id)
            .where(RequestSource.post_id == Post.id, RequestCard.client_id.is_(None))
            .scalar_subquery()
        )
        query = (
            sa.select(Post.id, Post.text, Post.author_id, Post.author_name, Source.username, cards)
            .join(Source, Source.id == Post.source_id).where(Post.id.in_(post_ids))
            .order_by(Post.posted_at, Post.id)
        )
        return [PostFacts(r[0], r[1] or "", r[2], r[3], r[4], tuple(r[5] or ()))
                for r in (await self.session.execute(query)).all()]

    async def unlinked_posts(self, after_post_id: int, limit: int) -> list[int]:
        """Posts (by id, ascending) that made a card still without a client: backfill's queue."""
        query = (
            sa.select(RequestSource.post_id)
            .join(RequestCard, RequestCard.id == RequestSource.request_id)
            .where(RequestCard.client_id.is_(None), RequestSource.post_id > after_post_id)
            .group_by(RequestSource.post_id).order_by(RequestSource.post_id).limit(limit)
        )
        return list(await self.session.scalars(query))

    async def owners(self, keys: Iterable[tuple[str, str]]) -> list[KeyOwner]:
        pairs = [(k, v[:KEY_CHARS]) for k, v in keys]
        if not pairs:
            return []
        query = sa.select(ClientKey).where(sa.tuple_(ClientKey.kind, ClientKey.value).in_(pairs))
        return [KeyOwner(r.kind, r.value, r.client_id, r.shared)
                for r in await self.session.scalars(query)]

    async def companies_of(self, client_ids: Iterable[int]) -> dict[int, frozenset[str]]:
        ids = list(set(client_ids))
        if not ids:
            return {}
        query = sa.select(ClientKey.client_id, ClientKey.value).where(
            ClientKey.client_id.in_(ids), ClientKey.kind == "company", ClientKey.shared.is_(False)
        )
        found: dict[int, set[str]] = {i: set() for i in ids}
        for client_id, value in (await self.session.execute(query)).all():
            found[client_id].add(value)
        return {k: frozenset(v) for k, v in found.items()}

    async def add_client(self, name: str, name_key: str | None) -> int:
        row = Client(name=name[:255], name_key=name_key)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def add_keys(self, client_id: int, keys: Iterable[tuple[str, str]]) -> None:
        rows = [{"kind": k, "value": v[:KEY_CHARS], "client_id": client_id} for k, v in keys]
        if rows:
            await self.session.execute(insert(ClientKey).values(rows).on_conflict_do_nothing())

    async def mark_shared(self, keys: Iterable[tuple[str, str]]) -> None:
        pairs = [(k, v[:KEY_CHARS]) for k, v in keys]
        if pairs:
            await self.session.execute(
                sa.update(ClientKey).where(sa.tuple_(ClientKey.kind, ClientKey.value).in_(pairs))
                .values(shared=True)
            )

    async def add_evidence(self, client_id: int, post_id: int | None,
                           evidence: Iterable[tuple[str, str, str]]) -> None:
        rows = [{"client_id": client_id, "post_id": post_id, "kind": k, "value": v[:KEY_CHARS],
                 "how": how} for k, v, how in evidence]
        if rows:
            await self.session.execute(sa.insert(ClientEvidence).values(rows))

    async def link_cards(self, card_ids: Sequence[int], client_id: int) -> None:
        if card_ids:
            await self.session.execute(
                sa.update(RequestCard)
                .where(RequestCard.id.in_(card_ids), RequestCard.client_id.is_(None))
                .values(client_id=client_id)
            )

    async def move_client(self, from_id: int, to_id: int) -> None:
        """Merge: cards, keys and evidence of `from_id` now belong to `to_id`."""
        for model in (RequestCard, ClientKey, ClientEvidence, Contact):
            await self.session.execute(
                sa.update(model).where(model.client_id == from_id).values(client_id=to_id)
            )
        await self.session.execute(
            sa.update(Client).where(Client.id == from_id).values(merged_into_id=to_id)
        )

    async def keys_of(self, client_id: int) -> list[KeyOwner]:
        """The client's merge keys, in a stable order (the split picker's indices)."""
        query = (sa.select(ClientKey).where(ClientKey.client_id == client_id)
                 .order_by(ClientKey.kind, ClientKey.value))
        return [KeyOwner(r.kind, r.value, r.client_id, r.shared)
                for r in await self.session.scalars(query)]

    async def split_off(self, client_id: int, kind: str, value: str, new_id: int) -> int:
        """Moves one key, its evidence and the cards of the posts it was found in (those still
        on `client_id`) to `new_id`; returns how many cards moved."""
        posts = (sa.select(ClientEvidence.post_id)
                 .where(ClientEvidence.client_id == client_id, ClientEvidence.kind == kind,
                        ClientEvidence.value == value, ClientEvidence.post_id.is_not(None)))
        cards = sa.select(RequestSource.request_id).where(RequestSource.post_id.in_(posts))
        moved = await self.session.execute(
            sa.update(RequestCard)
            .where(RequestCard.client_id == client_id, RequestCard.id.in_(cards))
            .values(client_id=new_id).returning(RequestCard.id)
        )
        count = len(moved.all())
        await self.session.execute(
            sa.update(ClientEvidence)
            .where(ClientEvidence.client_id == client_id, ClientEvidence.post_id.in_(posts))
            .values(client_id=new_id)
        )
        await self.session.execute(
            sa.update(ClientKey).where(ClientKey.kind == kind, ClientKey.value == value)
            .values(client_id=new_id, shared=False)
        )
        await self.session.execute(
            sa.update(Contact).where(Contact.client_id == client_id, Contact.kind == kind,
                                     Contact.value == value).values(client_id=new_id)
        )
        return count
