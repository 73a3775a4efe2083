from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import bench, pipeline, proposals
from crm.errors import AccessDenied
from crm.matching import (
    DeveloperProfile,
    GradeFit,
    RateFit,
    RequestProfile,
    score_match,
    stack_variants,
)
from db.models import Activity, Submission
from db.records.bench import BenchDraft
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People

Factory = async_sessionmaker[AsyncSession]
TODAY = datetime.now(UTC).date()


def _dev(**values: object) -> BenchDraft:
    defaults: dict[str, object] = {
        "name": "Dev", "roles": ("backend",), "stack": ("Python", "Django"),
        "grade": "senior", "rate_min": Decimal(2500), "rate_currency": "RUB",
        "rate_period": "hour", "formats": ("remote",),
    }
    return BenchDraft(**{**defaults, **values})  # type: ignore[arg-type]


class TestScore:
    def test_reasons_name_what_fits_and_what_does_not(self) -> None:
        request = RequestProfile(
            stack=("Python", "Django", "PostgreSQL"), grades=("senior",),
            rate_min=Decimal(2000), rate_max=Decimal(3000), formats=("remote",),
            start=date(2030, 1, 1),
        )
        dev = DeveloperProfile(
            stack=("python", "Django", "Redis"), grade="middle", rate=Decimal(5000),
            available_from=date(2030, 1, 15), formats=("office",),
        )
        result = score_match(request, dev)
        assert result.common_stack == ("Python", "Django")
        assert result.missing_stack == ("PostgreSQL",)
        assert (result.grade_fit, result.rate_fit) == (GradeFit.near, RateFit.far_outside)
        assert result.days_late == 14 and not result.format_fit
        assert result.reasons == (
            "stack_overlap", "grade_near", "rate_far_outside", "available_late", "format_mismatch"
        )

    def test_variants_cover_common_typings(self) -> None:
        assert set(stack_variants(["PostgreSQL"])) == {"PostgreSQL", "postgresql", "POSTGRESQL",
                                                       "Postgresql"}


class TestRanking:
    async def test_developers_for_a_request_best_first(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory)
        best = await bench.add(uow, people.manager, _dev(name="Best",
                                                         stack=("Python", "Django", "PostgreSQL")))
        late = await bench.add(uow, people.manager, _dev(
            name="Late", stack=("python", "django", "postgresql"),
            available_from=TODAY + timedelta(days=30)))
        pricey = await bench.add(uow, people.manager, _dev(name="Pricey", rate_min=Decimal(9000)))
        await bench.add(uow, people.manager, _dev(name="Java", stack=("Java",)))
        gone = await bench.add(uow, people.manager, _dev(name="Gone"))
        await bench.set_active(uow, people.manager, gone.id, False)

        found = await proposals.for_request(uow, people.other, card_id)
        assert [m.developer.name for m in found] == ["Best", "Late", "Pricey"]
        assert found[0].match.score > found[1].match.score > found[2].match.score
        assert found[2].match.rate_fit is RateFit.far_outside
        assert {best.id, late.id, pricey.id} == {m.developer.id for m in found}

    async def test_requests_for_a_developer_respect_visibility(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        visible = await factories.card(session_factory, title="ours")
        await factories.card(session_factory, title="theirs", team_id=people.team_b)
        await factories.card(session_factory, title="closed", stage="won")
        await factories.card(session_factory, title="java", stack=["Java"])
        dev = await bench.add(uow, people.manager, _dev())
        found = await proposals.for_developer(uow, people.manager, dev.id)
        assert [m.card.id for m in found] == [visible]


class TestPropose:
    async def test_propose_records_a_submission_and_moves_the_card(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory)
        dev = await bench.add(uow, people.manager, _dev())
        submission = await proposals.propose(uow, people.manager, card_id, dev.id)
        assert (submission.status, submission.user_id) == ("proposed", people.manager.id)
        assert submission.score is not None and 0 < submission.score <= 1
        changes = await pipeline.history(uow, people.manager, card_id)
        assert [(c.from_stage, c.to_stage) for c in changes] == [
            ("new", "in_work"), ("in_work", "proposed")
        ]
        again = await proposals.propose(uow, people.manager, card_id, dev.id)
        assert again.id == submission.id
        async with session_factory() as session:
            kinds = list(await session.scalars(sa.select(Activity.kind).order_by(Activity.id)))
        assert kinds == ["proposal", "stage", "stage"]

    async def test_another_team_cannot_propose(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await factories.card(session_factory)
        await pipeline.take(uow, people.manager, card_id)
        dev = await bench.add(uow, people.other, _dev())
        for stranger in (people.other, people.colleague):
            with pytest.raises(AccessDenied):
                await proposals.propose(uow, stranger, card_id, dev.id)
        async with session_factory() as session:
            assert await session.scalar(sa.select(sa.func.count()).select_from(Submission)) == 0
