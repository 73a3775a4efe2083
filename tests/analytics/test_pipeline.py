"""The pipeline's stage moves read per card (one index probe each) against the query they
replaced (`request_id IN (the period's cards)`, a window over all of them): the same cards
reaching each stage and the same median hours in it, within the viewer's scope and filters."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from analytics.facets import facets
from analytics.queries_team import pipeline
from analytics.records import ChartFilters, Granularity, Window
from analytics.selection import card_conditions
from db.models import RequestCard, StageChange
from db.records.users import UserRecord
from tests.analytics.test_facets import END, _seed

MOVES = ("in_work", "proposed", "interview", "won", "lost")


async def _moves(session_factory: async_sessionmaker[AsyncSession], viewer: UserRecord) -> None:
    rng = random.Random(15)
    async with session_factory() as session:
        cards = (await session.execute(sa.select(RequestCard.id, RequestCard.first_seen_at))).all()
        rows = []
        for card_id, seen in cards:
            at = seen
            for _ in range(rng.choice((0, 0, 1, 2, 3))):  # a move may repeat a stage
                at += timedelta(minutes=rng.choice((5, 90, 600, 3000)))
                rows.append({"request_id": card_id, "to_stage": rng.choice(MOVES),
                             "user_id": rng.choice((None, viewer.id)), "created_at": at})
        await session.execute(sa.insert(StageChange), rows)
        await session.commit()


async def _in_query(session: AsyncSession, viewer: UserRecord, window: Window,
                    filters: ChartFilters) -> dict[str, tuple[int, float | None]]:
    """The query analytics.queries_team.pipeline ran before (commit 704d688)."""
    c, sc = RequestCard, StageChange
    ids = sa.select(c.id).where(
        *card_conditions(viewer, filters, window.start, window.end)).scalar_subquery()
    moves = (
        sa.select(
            sc.to_stage.label("stage"), sc.request_id,
            (sa.func.lead(sc.created_at).over(partition_by=sc.request_id, order_by=sc.created_at)
             - sc.created_at).label("spent"),
        ).where(sc.request_id.in_(ids)).subquery()
    )
    hours = sa.func.extract("epoch", moves.c.spent) / 3600
    return {
        stage: (int(reached), float(median) if median is not None else None)
        for stage, reached, median in (await session.execute(
            sa.select(moves.c.stage, sa.func.count(sa.distinct(moves.c.request_id)),
                      sa.func.percentile_cont(0.5).within_group(hours))
            .group_by(moves.c.stage)
        )).all()
    }


@pytest.mark.parametrize("filters", [ChartFilters(), ChartFilters(stack=("Python", "Go"))])
async def test_pipeline_moves_are_what_the_in_query_gave(
    session_factory: async_sessionmaker[AsyncSession], filters: ChartFilters,
) -> None:
    viewer = await _seed(session_factory)
    await _moves(session_factory, viewer)
    window = Window(END - timedelta(days=7), END, Granularity.day, "Europe/Moscow")
    async with session_factory() as session:
        found = await facets(session, viewer, window, filters)
        ours = await pipeline(session, viewer, window, filters, found)
        before = await _in_query(session, viewer, window, filters)
    moved = {s.stage: (s.reached, s.median_hours) for s in ours.stages if s.stage != "new"}
    assert moved == {stage: before.get(stage, (0, None)) for stage in moved}
    assert sum(reached for reached, _ in before.values()) > 20  # there were moves to compare
    assert any(median is not None for _, median in before.values())
