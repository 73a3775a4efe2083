from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import pipeline
from crm.errors import AccessDenied, CrmInputError, InvalidTransition
from crm.settings import CrmSettings
from db.models import Activity, Notification, RequestCard, StageChange
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People

Factory = async_sessionmaker[AsyncSession]


async def _count(session_factory: Factory, model: type) -> int:
    async with session_factory() as session:
        return int(await session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


class TestMove:
    async def test_take_makes_the_card_the_users_and_records_it(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory)
        card = await pipeline.take(uow, people.manager, card_id)
        assert (card.stage, card.owner_user_id, card.team_id) == (
            "in_work", people.manager.id, people.team_a
        )
        [change] = await pipeline.history(uow, people.manager, card_id)
        assert (change.from_stage, change.to_stage, change.user_id) == (
            "new", "in_work", people.manager.id
        )
        async with session_factory() as session:
            kinds = list(await session.scalars(sa.select(Activity.kind)))
        assert kinds == ["stage"]

    async def test_the_whole_funnel_and_an_illegal_jump(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory)
        await pipeline.take(uow, people.manager, card_id)
        with pytest.raises(InvalidTransition):
            await pipeline.move(uow, people.manager, card_id, "won")
        for stage in ("proposed", "interview", "offer", "won"):
            card = await pipeline.move(uow, people.manager, card_id, stage)
        assert card.stage == "won"
        assert len(await pipeline.history(uow, people.manager, card_id)) == 5
        with pytest.raises(InvalidTransition):
            await pipeline.move(uow, people.manager, card_id, "lost", "too late")

    async def test_lost_needs_a_reason_and_reopening_clears_it(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory)
        await pipeline.take(uow, people.manager, card_id)
        with pytest.raises(CrmInputError):
            await pipeline.move(uow, people.manager, card_id, "lost", "  ")
        lost = await pipeline.move(uow, people.manager, card_id, "lost", "budget too low")
        assert (lost.stage, lost.lost_reason) == ("lost", "budget too low")
        reopened = await pipeline.move(uow, people.manager, card_id, "in_work")
        assert (reopened.stage, reopened.lost_reason) == ("in_work", None)
        changes = await pipeline.history(uow, people.manager, card_id)
        assert changes[1].reason == "budget too low"


class TestAccess:
    async def test_another_team_cannot_move_a_taken_card(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory)
        await pipeline.take(uow, people.manager, card_id)
        for stage in ("proposed", "lost", "in_work"):
            with pytest.raises(AccessDenied):
                await pipeline.move(uow, people.other, card_id, stage, "mine now")
        assert await _count(session_factory, StageChange) == 1

    async def test_a_colleague_may_not_but_the_lead_and_admin_may(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory)
        await pipeline.take(uow, people.manager, card_id)
        with pytest.raises(AccessDenied):
            await pipeline.move(uow, people.colleague, card_id, "proposed")
        await pipeline.move(uow, people.lead, card_id, "proposed")
        card = await pipeline.move(uow, people.admin, card_id, "interview")
        assert (card.stage, card.owner_user_id) == ("interview", people.manager.id)

    async def test_a_card_of_another_team_is_invisible(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory, team_id=people.team_b)
        with pytest.raises(AccessDenied):
            await pipeline.take(uow, people.manager, card_id)
        with pytest.raises(AccessDenied):
            await pipeline.history(uow, people.manager, card_id)


class TestLists:
    async def test_my_requests_by_stage_and_the_team_view(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        mine = [await factories.card(session_factory, title=f"c{i}") for i in range(3)]
        theirs = await factories.card(session_factory, title="b")
        for card_id in mine:
            await pipeline.take(uow, people.manager, card_id)
        await pipeline.move(uow, people.manager, mine[0], "proposed")
        await pipeline.take(uow, people.other, theirs)

        assert [c.id for c in await pipeline.my_requests(uow, people.manager, "proposed")] == [
            mine[0]
        ]
        assert len(await pipeline.my_requests(uow, people.manager)) == 3
        assert await pipeline.stage_counts(uow, people.manager) == {"in_work": 2, "proposed": 1}
        team = await pipeline.team_requests(uow, people.lead)
        assert sorted(c.id for c in team) == sorted(mine)
        assert len(await pipeline.team_requests(uow, people.admin)) == 4
        with pytest.raises(AccessDenied):
            await pipeline.team_requests(uow, people.manager)


class TestStaleReminders:
    async def test_once_per_quiet_period(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        settings = CrmSettings(stale_after_days=5)
        card_id = await factories.card(session_factory)
        fresh = await factories.card(session_factory, title="fresh")
        await pipeline.take(uow, people.manager, card_id)
        await pipeline.take(uow, people.manager, fresh)
        await factories.card(session_factory, title="nobody's")
        old = datetime.now(UTC) - timedelta(days=6)
        async with session_factory() as session:
            await session.execute(sa.update(RequestCard).where(RequestCard.id == card_id)
                                  .values(stage_changed_at=old))
            await session.commit()

        assert await pipeline.remind_stale(uow, settings) == 1
        assert await pipeline.remind_stale(uow, settings) == 0
        async with session_factory() as session:
            [row] = list(await session.scalars(sa.select(Notification)))
        assert (row.kind, row.user_id, row.request_id) == ("reminder", people.manager.id, card_id)
        assert row.payload is not None and row.payload["reason"] == "stale"

        # A move starts a new period; once that one is quiet too, one more reminder.
        await pipeline.move(uow, people.manager, card_id, "proposed")
        later = datetime.now(UTC) + timedelta(days=6)
        assert await pipeline.remind_stale(uow, settings, now=later) == 2
        assert await pipeline.remind_stale(uow, settings, now=later) == 0
