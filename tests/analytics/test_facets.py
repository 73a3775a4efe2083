"""The one-scan facets against the per-chart queries they replaced (unnest + count, one query
per label, on the same PostgreSQL): the same counts for every label, kind and period, within the
viewer's scope and filters, and the same stack series per day."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from analytics.facets import BEFORE, NOW, OFFERS, RATE, Facets, facets
from analytics.records import ChartFilters, Granularity, Window
from analytics.selection import bucket, card_conditions
from db.models import RequestCard, Team, User
from db.records.users import UserRecord
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

END = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
STACKS = ("Python", "Go", "React", "1C", "PostgreSQL")
ROLES = ("backend", "frontend", "qa")
GRADES = ("junior", "middle", "senior")
STAGES = ("new", "in_work", "won", "lost")


def _card(rng: random.Random, n: int) -> dict[str, Any]:
    at = END - timedelta(hours=rng.uniform(0, 24 * 16))  # this week and the one before
    stage = rng.choice(STAGES)
    rate = rng.choice((None, 1500, 2500))
    return {
        "kind": rng.choice(("request", "request", "offer")), "title": f"Card {n}",
        # Empty and two-item arrays, as real cards have.
        "stack": rng.sample(STACKS, rng.choice((0, 1, 2))),
        "roles": rng.sample(ROLES, rng.choice((0, 1, 2))),
        "grades": rng.sample(GRADES, rng.choice((0, 1))),
        "stage": stage, "lost_reason": rng.choice((None, "дорого")) if stage == "lost" else None,
        "rate_rub_hour_min": rate, "rate_rub_hour_max": rng.choice((None, rate)) if rate else None,
        "team_id": rng.choice((None, 1, 2)), "first_seen_at": at, "last_seen_at": at,
    }


async def _seed(session_factory: async_sessionmaker[AsyncSession]) -> UserRecord:
    rng = random.Random(14)
    async with session_factory() as session:
        await session.execute(sa.insert(Team), [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}])
        await session.execute(sa.insert(RequestCard), [_card(rng, n) for n in range(400)])
        await session.commit()
    uow = UnitOfWork(session_factory)
    async with uow:
        user = await uow.repo(UserRepo).add(tg_user_id=501, first_name="Оля", username=None,
                                            language="ru", role="manager")
        await uow.session.execute(sa.update(User).where(User.id == user.id).values(team_id=1))
        viewer = await uow.repo(UserRepo).get(user.id)
        await uow.commit()
    assert viewer is not None
    return viewer


async def _direct(session: AsyncSession, viewer: UserRecord, window: Window,
                  filters: ChartFilters, column: Any, since: datetime, until: datetime,
                  kind: str) -> dict[str, int]:
    """What each chart used to ask on its own: unnest one label array and count."""
    item = sa.func.unnest(column).table_valued("item").render_derived()
    query = (
        sa.select(item.c.item, sa.func.count()).select_from(RequestCard).join(item, sa.true())
        .where(*card_conditions(viewer, filters, since, until, kind=kind))
        .group_by(item.c.item)
    )
    return {n: int(k) for n, k in (await session.execute(query)).all()}


def _of(found: Facets, dim: str, which: int) -> dict[str, int]:
    return {c.name: c.count for c in found.counted(dim, which)}


@pytest.mark.parametrize("filters", [ChartFilters(), ChartFilters(stack=("Python", "Go"))])
async def test_facets_count_what_the_direct_queries_count(
    session_factory: async_sessionmaker[AsyncSession], filters: ChartFilters,
) -> None:
    viewer = await _seed(session_factory)
    window = Window(END - timedelta(days=7), END, Granularity.day, "Europe/Moscow")
    c = RequestCard
    async with session_factory() as session:
        found = await facets(session, viewer, window, filters)
        now, before = (window.start, window.end), (window.previous_start, window.start)
        for dim, column in (("stack", c.stack), ("role", c.roles), ("grade", c.grades)):
            assert _of(found, dim, NOW) == await _direct(
                session, viewer, window, filters, column, *now, "request")
            assert _of(found, dim, OFFERS) == await _direct(
                session, viewer, window, filters, column, *now, "offer")
        assert _of(found, "stack", BEFORE) == await _direct(
            session, viewer, window, filters, c.stack, *before, "request")

        def count(period: tuple[datetime, datetime], *extra: Any) -> Any:
            return sa.select(sa.func.count()).where(
                *card_conditions(viewer, filters, *period), *extra)

        assert found.count("all") == await session.scalar(count(now))
        assert found.count("all", BEFORE) == await session.scalar(count(before))
        assert found.count("rated") == await session.scalar(count(now, RATE.is_not(None)))
        stages = (await session.execute(
            sa.select(c.stage, sa.func.count()).where(
                *card_conditions(viewer, filters, window.start, window.end)).group_by(c.stage)
        )).all()
        assert _of(found, "stage", NOW) == {s: int(k) for s, k in stages}
        reason = sa.func.coalesce(c.lost_reason, sa.literal_column("''")).label("reason")
        lost = (await session.execute(
            sa.select(reason, sa.func.count()).where(
                *card_conditions(viewer, filters, window.start, window.end), c.stage == "lost",
            ).group_by(reason)
        )).all()
        assert _of(found, "lost", NOW) == {r: int(k) for r, k in lost}
        at, item = bucket(c.first_seen_at, window), sa.func.unnest(c.stack).table_valued(
            "item").render_derived()
        series = (await session.execute(
            sa.select(at, item.c.item, sa.func.count()).select_from(c).join(item, sa.true())
            .where(*card_conditions(viewer, filters, window.start, window.end))
            .group_by(at, item.c.item)
        )).all()
        assert dict(found.series) == {(b, n): int(k) for b, n, k in series}
    # The scope held: team 2's cards are in the data but not in the counts.
    assert found.count("all") < 400 and found.counts
