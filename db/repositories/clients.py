"""Clients and contacts; the posts a card came from (its author); never commits."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Client, Contact, Post, RequestCard, RequestSource, Source
from db.records.clients import CardAuthor, ClientRecord, ClientRequestRecord, ContactRecord


def to_record(row: Client) -> ClientRecord:
    return ClientRecord(
        id=row.id, name=row.name, team_id=row.team_id, owner_user_id=row.owner_user_id,
        created_at=row.created_at,
    )


class ClientRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, name: str, team_id: int | None, owner_user_id: int | None) -> ClientRecord:
        row = Client(name=name, team_id=team_id, owner_user_id=owner_user_id)
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)
        return to_record(row)

    async def get(self, client_id: int) -> ClientRecord | None:
        row = await self.session.get(Client, client_id)
        return to_record(row) if row else None

    async def by_contacts(self, contacts: Sequence[tuple[str, str]]) -> ClientRecord | None:
        """The client already holding any of these (kind, value) contacts, oldest first."""
        if not contacts:
            return None
        pairs = sa.tuple_(Contact.kind, Contact.value).in_([tuple(c) for c in contacts])
        query = (
            sa.select(Client).join(Contact, Contact.client_id == Client.id).where(pairs)
            .order_by(Client.id).limit(1)
        )
        row = await self.session.scalar(query)
        return to_record(row) if row else None

    async def add_contacts(self, client_id: int, contacts: Sequence[tuple[str, str]]) -> int:
        """Adds the ones nobody holds yet; returns how many were new."""
        if not contacts:
            return 0
        query = (
            insert(Contact)
            .values([{"client_id": client_id, "kind": k, "value": v} for k, v in contacts])
            .on_conflict_do_nothing(constraint="uq_contacts_kind_value")
            .returning(Contact.id)
        )
        return len((await self.session.execute(query)).all())

    async def contacts(self, client_id: int) -> list[ContactRecord]:
        query = sa.select(Contact).where(Contact.client_id == client_id).order_by(Contact.id)
        return [
            ContactRecord(id=r.id, client_id=r.client_id, kind=r.kind, value=r.value)
            for r in await self.session.scalars(query)
        ]

    async def requests(self, client_id: int, limit: int = 50) -> list[ClientRequestRecord]:
        c = RequestCard
        query = (
            sa.select(c.id, c.title, c.stage, c.lost_reason, c.first_seen_at)
            .where(c.client_id == client_id).order_by(c.first_seen_at.desc()).limit(limit)
        )
        return [ClientRequestRecord(*r) for r in (await self.session.execute(query)).all()]

    async def card_authors(self, card_id: int) -> list[CardAuthor]:
        """The posts a card was seen in, earliest first, with their authors."""
        query = (
            sa.select(Post.id, Post.author_id, Post.author_name, Post.text, Source.username)
            .join(RequestSource, RequestSource.post_id == Post.id)
            .join(Source, Source.id == Post.source_id)
            .where(RequestSource.request_id == card_id)
            .order_by(RequestSource.posted_at, Post.id)
        )
        return [CardAuthor(*r) for r in (await self.session.execute(query)).all()]
