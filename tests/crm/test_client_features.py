"""A client's features and history from the nightly recompute, on the database with a
controlled clock: requests per month, what it asks, rates, terms, channels, our outcomes and
our median first response."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import client_features, client_lifecycle
from db.models import Client, Post, RequestSource, Source, StageChange
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People

Factory = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 6, 15, 12, tzinfo=UTC)
_messages = iter(range(1, 10_000))


async def _seen_in(session_factory: Factory, card_id: int, *titles: str) -> None:
    """The card was posted in each source named (one source row per title)."""
    async with session_factory() as session:
        for title in titles:
            source = await session.scalar(sa.select(Source).where(Source.title == title))
            if source is None:
                source = Source(ref=f"@{title.replace(' ', '')}", title=title)
                session.add(source)
                await session.flush()
            post = Post(source_id=source.id, message_id=next(_messages), text="", posted_at=NOW)
            session.add(post)
            await session.flush()
            session.add(RequestSource(request_id=card_id, post_id=post.id, source_id=source.id,
                                      posted_at=NOW))
        await session.commit()


async def _moves(session_factory: Factory, card_id: int,
                 moves: list[tuple[datetime, str, int | None]]) -> None:
    async with session_factory() as session:
        session.add_all(StageChange(request_id=card_id, to_stage=stage, user_id=user,
                                    created_at=at) for at, stage, user in moves)
        await session.commit()


async def _card(session_factory: Factory, client_id: int, at: datetime, **values: Any) -> int:
    return await factories.card(session_factory, client_id=client_id, first_seen_at=at,
                                last_seen_at=at, **values)


async def _seed(session_factory: Factory, manager_id: int) -> int:
    async with session_factory() as session:
        client = Client(name="Globex", owner_user_id=manager_id)
        session.add(client)
        await session.commit()
    cid, h = client.id, timedelta(hours=1)
    dec = datetime(2025, 12, 10, 9, tzinfo=UTC)  # before the six months shown; still counted
    won = await _card(session_factory, cid, dec, roles=["backend"], stack=["Python"],
                      grades=["senior"], stage="won")
    await _seen_in(session_factory, won, "Python Jobs")
    await _moves(session_factory, won, [(dec + 2 * h, "in_work", manager_id),
                                        (dec + 5 * h, "proposed", manager_id),
                                        (dec + 30 * h, "interview", manager_id),
                                        (dec + 90 * h, "won", manager_id)])
    mar = datetime(2026, 3, 5, 9, tzinfo=UTC)
    lost = await _card(session_factory, cid, mar, roles=["backend"], stack=["Go"],
                       grades=["senior"], rate_rub_hour_min=Decimal(3000),
                       rate_rub_hour_max=Decimal(4000), headcount=2, duration_months=6.0,
                       formats=["office"], employment=["full-time"], stage="lost")
    await _seen_in(session_factory, lost, "Python Jobs")
    await _moves(session_factory, lost, [(mar + h / 2, "in_work", manager_id),
                                         (mar + 9 * h, "lost", manager_id)])
    may = datetime(2026, 5, 2, 9, tzinfo=UTC)
    proposed = await _card(session_factory, cid, may, roles=["frontend"], stack=["React"],
                           grades=["middle"], rate_rub_hour_min=None, rate_rub_hour_max=None,
                           headcount=1, duration_months=3.0, stage="proposed")
    await _seen_in(session_factory, proposed, "Frontend Jobs")
    # A system move (no person) comes first: the response is the person's, four hours in.
    await _moves(session_factory, proposed, [(may + timedelta(minutes=1), "in_work", None),
                                             (may + 4 * h, "proposed", manager_id)])
    jun = datetime(2026, 6, 1, 9, tzinfo=UTC)
    fresh = await _card(session_factory, cid, jun, roles=["backend"], stack=["Python"],
                        grades=["middle"], rate_rub_hour_min=Decimal(1500),
                        rate_rub_hour_max=None)
    await _seen_in(session_factory, fresh, "Python Jobs", "Freelance")
    await _moves(session_factory, fresh, [(NOW + h, "in_work", manager_id)])  # after the clock
    # Neither an offer nor a request seen after the clock is the client's history yet.
    await _card(session_factory, cid, NOW - h, kind="offer", stack=["Rust"])
    await _card(session_factory, cid, NOW + h, stack=["Rust"])
    return cid


class TestClientFeatures:
    async def test_the_nightly_recompute_stores_the_clients_features(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        client_id = await _seed(session_factory, people.manager.id)
        await client_lifecycle.recompute(uow, NOW)
        async with session_factory() as session:
            stats = await session.scalar(sa.select(Client.stats).where(Client.id == client_id))
        assert stats is not None
        f = stats["features"]
        assert f["month"] == "2026-01" and f["per_month"] == [0, 0, 1, 0, 1, 1]
        assert f["asked"]["role"] == [["backend", 3], ["frontend", 1]]
        assert f["asked"]["stack"] == [["Python", 2], ["Go", 1], ["React", 1]]
        assert f["asked"]["grade"] == [["middle", 2], ["senior", 2]]
        assert f["asked"]["format"] == [["remote", 3], ["office", 1]]
        assert f["asked"]["employment"] == [["full-time", 1]]
        # Midpoints 2500 (factory's 2000–3000), 3500, and 1500 (a floor only); one unrated.
        assert f["rate"] == [1500, 2500, 4000, 3]
        assert f["duration"] == [4.5, 2] and f["headcount"] == [1.5, 2]
        assert f["channels"] == [["Python Jobs", 3], ["Freelance", 1], ["Frontend Jobs", 1]]
        assert f["outcomes"] == {"taken": 3, "proposed": 2, "interviews": 1, "won": 1, "lost": 1}
        # Person's first moves: 2 h, 30 min, 4 h after first seen → median 2 h.
        assert (f["response_s"], f["answered"]) == (7200, 3)

    async def test_a_client_with_no_moves_has_no_response_time(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        async with session_factory() as session:
            client = Client(name="Initech")
            session.add(client)
            await session.commit()
        await _card(session_factory, client.id, NOW - timedelta(days=3))
        await client_lifecycle.recompute(uow, NOW)
        async with session_factory() as session:
            stats = await session.scalar(sa.select(Client.stats).where(Client.id == client.id))
        f = stats["features"]
        assert f["per_month"] == [0, 0, 0, 0, 0, 1] and f["response_s"] is None
        assert f["outcomes"] == {"taken": 0, "proposed": 0, "interviews": 0, "won": 0, "lost": 0}
        assert "channels" not in f and f["rate"] == [2000, 2500, 3000, 1]


def test_month_starts_cross_the_year() -> None:
    starts = client_features.month_starts(datetime(2026, 2, 28, 23, tzinfo=UTC), 4)
    assert [f"{m:%Y-%m}" for m in starts] == ["2025-11", "2025-12", "2026-01", "2026-02"]
