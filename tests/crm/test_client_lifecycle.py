from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import client_lifecycle, notes
from db.models import Client, ClientState
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People

Factory = async_sessionmaker[AsyncSession]
START = datetime(2026, 1, 5, 9, tzinfo=UTC)


async def _client(session_factory: Factory, owner_id: int | None, days: list[int]) -> int:
    """A client with one React request on each of `days` (days after START)."""
    async with session_factory() as session:
        client = Client(name="ACME", owner_user_id=owner_id)
        session.add(client)
        await session.commit()
    for day in days:
        at = START + timedelta(days=day)
        await factories.card(session_factory, client_id=client.id, roles=["frontend"],
                             stack=["React"], first_seen_at=at, last_seen_at=at)
    return client.id


async def _states(session_factory: Factory, client_id: int) -> list[tuple[str, bool]]:
    async with session_factory() as session:
        query = sa.select(ClientState).where(ClientState.client_id == client_id)
        rows = await session.scalars(query.order_by(ClientState.id))
        return [(r.lifecycle, r.at_risk) for r in rows]


class TestLifecycle:
    async def test_a_client_walks_new_active_at_risk_dormant_lost_returning(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        client_id = await _client(session_factory, people.manager.id, [0, 10, 20, 30, 40, 50])
        day = lambda n: START + timedelta(days=n)  # noqa: E731
        await client_lifecycle.recompute(uow, day(15))
        await client_lifecycle.recompute(uow, day(52))
        await client_lifecycle.recompute(uow, day(53))  # nothing changed: no new history row
        await client_lifecycle.recompute(uow, day(75))  # 25 quiet days after a 10-day rhythm
        await client_lifecycle.recompute(uow, day(100))
        await client_lifecycle.recompute(uow, day(240))
        assert await _states(session_factory, client_id) == [
            ("new", False), ("active", False), ("active", True), ("dormant", False),
            ("lost", False),
        ]
        await factories.card(session_factory, client_id=client_id, roles=["frontend"],
                             first_seen_at=day(245), last_seen_at=day(245))
        await client_lifecycle.recompute(uow, day(246))
        assert (await _states(session_factory, client_id))[-1] == ("returning", False)

    async def test_one_task_per_transition_across_a_restart(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        client_id = await _client(session_factory, people.manager.id, [0, 10, 20, 30, 40, 50])
        unowned = await _client(session_factory, None, [0, 10, 20, 30, 40, 50])
        at = START + timedelta(days=75)
        first = await client_lifecycle.recompute(uow, at)
        # A restart: a fresh UnitOfWork over a fresh factory, the same clock.
        again = await client_lifecycle.recompute(UnitOfWork(session_factory), at)
        later = await client_lifecycle.recompute(UnitOfWork(session_factory),
                                                 at + timedelta(hours=3))
        assert (first.tasks, again.tasks, later.tasks) == (1, 0, 0)
        tasks = await notes.my_tasks(uow, people.manager)
        assert [(t.client_id, t.title) for t in tasks] == [
            (client_id, "ACME: frontend 6 / 90d, 3w")
        ]
        # Dormant later is a second transition: a second task.
        dormant = await client_lifecycle.recompute(uow, START + timedelta(days=100))
        assert dormant.tasks == 1 and len(await notes.my_tasks(uow, people.manager)) == 2
        assert await _states(session_factory, unowned)  # the unowned client is tracked, no task

    async def test_one_request_gets_no_churn_score(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        client_id = await _client(session_factory, people.manager.id, [0])
        await client_lifecycle.recompute(uow, START + timedelta(days=40))
        async with session_factory() as session:
            client = await session.get(Client, client_id)
            assert client is not None
            assert (client.lifecycle, client.churn_risk, client.at_risk) == ("active", None, False)
