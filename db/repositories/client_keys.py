"""Client merge keys, their evidence, and the posts resolution reads; never commits."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, insert
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
EvidenceRow = tuple[int, int | None, str, str, str]  # client, post, kind, value, how


def _rows(*columns: tuple[str, Any, list[Any]], ordinality: str | None = None) -> Any:
    """Python columns as one table, `unnest` of typed arrays: the same statement (one
    prepared plan) whatever the row count, unlike a VALUES list of each length."""
    arrays = [sa.cast(values, ARRAY(type_)) for _, type_, values in columns]
    return sa.func.unnest(*arrays).table_valued(
        *(sa.column(name, type_) for name, type_, _ in columns), with_ordinality=ordinality
    ).render_derived()


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
        # Joined from the posts' own rows, not a subquery per post filtered on the card having
        # no client: with stale statistics (a day's burst into fresh tables) the planner ran
        # that subquery over every unlinked card, 50 ms a batch at 3,000 cards.
        cards = sa.func.array_agg(sa.distinct(RequestCard.id)).filter(
            RequestCard.client_id.is_(None))
        query = (
            sa.select(Post.id, Post.text, Post.author_id, Post.author_name, Source.username, cards)
            .join(Source, Source.id == Post.source_id)
            .outerjoin(RequestSource, RequestSource.post_id == Post.id)
            .outerjoin(RequestCard, RequestCard.id == RequestSource.request_id)
            .where(Post.id == sa.any_(sa.cast(list(post_ids), ARRAY(sa.BigInteger))))
            .group_by(Post.id, Source.id).order_by(Post.posted_at, Post.id)
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
        pairs = list(dict.fromkeys((k, v[:KEY_CHARS]) for k, v in keys))
        if not pairs:
            return []
        wanted = _rows(("kind", sa.String, [k for k, _ in pairs]),
                       ("value", sa.String, [v for _, v in pairs]))
        query = sa.select(ClientKey.kind, ClientKey.value, ClientKey.client_id, ClientKey.shared
                          ).join(wanted, sa.and_(ClientKey.kind == wanted.c.kind,
                                                 ClientKey.value == wanted.c.value))
        return [KeyOwner(*row) for row in (await self.session.execute(query)).all()]

    async def companies_of(self, client_ids: Iterable[int]) -> dict[int, frozenset[str]]:
        ids = list(set(client_ids))
        if not ids:
            return {}
        query = sa.select(ClientKey.client_id, ClientKey.value).where(
            ClientKey.client_id == sa.any_(sa.cast(ids, ARRAY(sa.Integer))),
            ClientKey.kind == "company", ClientKey.shared.is_(False),
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

    async def add_clients(self, clients: Sequence[tuple[str, str | None]]) -> list[int]:
        """New clients (name, name key) in one statement; their ids in the order given (rows
        are inserted in ORDER BY order, so the sequence hands out ascending ids in that order,
        whoever else inserts at the same time)."""
        if not clients:
            return []
        rows = _rows(("name", sa.String, [name[:255] for name, _ in clients]),
                     ("name_key", sa.String, [key for _, key in clients]), ordinality="ord")
        query = insert(Client).from_select(
            ["name", "name_key"], sa.select(rows.c.name, rows.c.name_key).order_by(rows.c.ord)
        ).returning(Client.id)
        return sorted(await self.session.scalars(query))

    async def add_keys(self, client_id: int, keys: Iterable[tuple[str, str]]) -> None:
        rows = [{"kind": k, "value": v[:KEY_CHARS], "client_id": client_id} for k, v in keys]
        if rows:
            await self.session.execute(insert(ClientKey).values(rows).on_conflict_do_nothing())

    async def add_owned_keys(self, keys: Sequence[tuple[str, str, int]]) -> None:
        """(kind, value, client id) rows in one statement; a key somebody holds stays theirs."""
        if keys:
            rows = _rows(("kind", sa.String, [k for k, _, _ in keys]),
                         ("value", sa.String, [v[:KEY_CHARS] for _, v, _ in keys]),
                         ("client_id", sa.Integer, [c for _, _, c in keys]))
            await self.session.execute(insert(ClientKey).from_select(
                ["kind", "value", "client_id"], sa.select(rows.c.kind, rows.c.value,
                                                          rows.c.client_id)
            ).on_conflict_do_nothing())

    async def mark_shared(self, keys: Iterable[tuple[str, str]]) -> None:
        pairs = list(dict.fromkeys((k, v[:KEY_CHARS]) for k, v in keys))
        if pairs:
            rows = _rows(("kind", sa.String, [k for k, _ in pairs]),
                         ("value", sa.String, [v for _, v in pairs]))
            await self.session.execute(
                sa.update(ClientKey)
                .where(ClientKey.kind == rows.c.kind, ClientKey.value == rows.c.value)
                .values(shared=True)
            )

    async def add_evidence(self, evidence: Sequence[EvidenceRow]) -> None:
        """(client id, post id, kind, value, how) rows in one statement."""
        if evidence:
            rows = _rows(("client_id", sa.Integer, [e[0] for e in evidence]),
                         ("post_id", sa.BigInteger, [e[1] for e in evidence]),
                         ("kind", sa.String, [e[2] for e in evidence]),
                         ("value", sa.String, [e[3][:KEY_CHARS] for e in evidence]),
                         ("how", sa.String, [e[4] for e in evidence]))
            columns = ["client_id", "post_id", "kind", "value", "how"]
            await self.session.execute(sa.insert(ClientEvidence).from_select(
                columns, sa.select(*(rows.c[c] for c in columns))))

    async def add_contacts(self, contacts: Sequence[tuple[int, str, str]]) -> None:
        """(client id, kind, value) rows shown on the clients' cards; one somebody holds stays
        theirs (the first row wins among equal ones)."""
        if contacts:
            rows = _rows(("client_id", sa.Integer, [c for c, _, _ in contacts]),
                         ("kind", sa.String, [k for _, k, _ in contacts]),
                         ("value", sa.String, [v for _, _, v in contacts]), ordinality="ord")
            await self.session.execute(insert(Contact).from_select(
                ["client_id", "kind", "value"],
                sa.select(rows.c.client_id, rows.c.kind, rows.c.value).order_by(rows.c.ord),
            ).on_conflict_do_nothing(constraint="uq_contacts_kind_value"))

    async def link_cards(self, links: Mapping[int, int]) -> None:
        """card id → client id, in one statement; a card that has a client keeps it."""
        if links:
            rows = _rows(("card_id", sa.BigInteger, list(links)),
                         ("client_id", sa.Integer, list(links.values())))
            await self.session.execute(
                sa.update(RequestCard)
                .where(RequestCard.id == rows.c.card_id, RequestCard.client_id.is_(None))
                .values(client_id=rows.c.client_id)
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
