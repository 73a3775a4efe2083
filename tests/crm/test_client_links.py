from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import client_backfill
from db.models import Client, ClientEvidence, ClientKey, RequestCard
from db.uow import UnitOfWork
from tests.crm import factories

Factory = async_sessionmaker[AsyncSession]


async def _card(session_factory: Factory, text: str, n: int) -> int:
    card_id = await factories.card(session_factory, title=f"card {n}")
    await factories.post_for(session_factory, card_id, text, message_id=n)
    return card_id


class TestBackfill:
    async def test_existing_cards_get_clients_across_channels_once(
        self, uow: UnitOfWork, session_factory: Factory
    ) -> None:
        acme = await _card(session_factory, "Компания: ACME\nGo, @acme_hr", 1)
        again = await _card(session_factory, "Компания: «ACME» LLC\nQA nужен", 2)  # other channel
        by_contact = await _card(session_factory, "Ещё один Go, пишите @ACME_HR", 3)
        agency = await _card(session_factory, "Компания: Globex\nPM, пишите @acme_hr", 4)
        nobody = await _card(session_factory, "Как пройти собеседование: пять советов", 5)
        first = await client_backfill.backfill(uow, batch=2)
        second = await client_backfill.backfill(uow)
        assert (first.linked_cards, first.new_clients, first.nobody) == (4, 2, 1)
        assert (second.linked_cards, second.new_clients) == (0, 0)  # resumable, idempotent
        async with session_factory() as session:
            owner = dict((await session.execute(sa.select(RequestCard.id, RequestCard.client_id)
                                                )).all())
            names = dict((await session.execute(sa.select(Client.id, Client.name))).all())
            shared = await session.scalar(sa.select(ClientKey.shared).where(
                ClientKey.kind == "telegram", ClientKey.value == "acme_hr"))
            evidence = await session.scalar(sa.select(sa.func.count()).select_from(ClientEvidence))
        assert owner[acme] == owner[again] == owner[by_contact] != owner[agency]
        assert names[owner[acme]] == "ACME" and names[owner[agency]] == "Globex"
        assert owner[nobody] is None
        assert shared  # the contact spoke for two companies: it merges nothing any more
        assert evidence == 2 + 1 + 1 + 2  # each linked post keeps the keys it was linked by
