"""The bench-fit matcher on real PostgreSQL: who hears, what is a fit, no noise, bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from crm import bench, bench_owner, fits
from crm.errors import AccessDenied, CrmInputError
from crm.fit_matcher import match_new_cards
from crm.fit_settings import FitSettings
from db.models import BenchFit, Notification, RequestCard
from db.records.bench import BenchDraft
from db.records.users import UserRecord
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People
from tests.crm.factories import Factory

SETTINGS = FitSettings.model_construct()
PYTHON_DEV: dict[str, Any] = {
    "stack": ("Python", "Django", "PostgreSQL"), "grade": "senior", "roles": ("backend",),
    "rate_min": Decimal(2500), "rate_currency": "RUB", "rate_period": "hour",
    "formats": ("remote",),
}


async def developer(uow: UnitOfWork, owner: UserRecord, name: str = "Ivan", **fields: Any
                    ) -> int:
    return (await bench.add(uow, owner, BenchDraft(name=name, **{**PYTHON_DEV, **fields}))).id


async def notes(session_factory: Factory, kind: str = "bench_fit") -> list[Notification]:
    async with session_factory() as session:
        query = sa.select(Notification).where(Notification.kind == kind)
        return list(await session.scalars(query.order_by(Notification.id)))


async def fit_rows(session_factory: Factory) -> list[BenchFit]:
    async with session_factory() as session:
        return list(await session.scalars(sa.select(BenchFit).order_by(BenchFit.id)))


class TestWhatFits:
    async def test_a_fitting_request_pushes_the_owner_once(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        dev = await developer(uow, people.manager)
        card = await factories.card(session_factory)
        result = await match_new_cards(uow, SETTINGS)
        assert (result.cards, result.fits, result.notifications) == (1, 1, 1)
        [note] = await notes(session_factory)
        assert note.user_id == people.manager.id and note.request_id == card
        assert note.payload["developer_id"] == dev
        assert note.payload["details"]["stack_hit"] == 3
        assert note.payload["details"]["rate_fit"] == "in_range"
        # Re-matching the same card (a re-label) never pushes the pair again.
        async with session_factory() as session:
            await session.execute(sa.update(RequestCard).values(fit_matched_at=None))
            await session.commit()
        again = await match_new_cards(uow, SETTINGS)
        assert (again.cards, again.fits, again.notifications) == (1, 0, 0)

    @pytest.mark.parametrize("fields", [
        {"stack": ("Java", "Spring")},  # no shared stack
        {"grade": "junior"},  # grade off
        {"rate_min": Decimal(5000)},  # far above the budget
        {"available_from": date.today() + timedelta(days=60)},  # not free soon enough
    ])
    async def test_what_contradicts_the_request_does_not_push(
        self, uow: UnitOfWork, people: People, session_factory: Factory, fields: dict[str, Any]
    ) -> None:
        await developer(uow, people.manager, **fields)
        await factories.card(session_factory)
        assert (await match_new_cards(uow, SETTINGS)).fits == 0

    async def test_busy_and_placed_developers_stop_matching(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        busy = await developer(uow, people.manager, "Busy")
        placed = await developer(uow, people.manager, "Placed")
        await bench_owner.set_busy(uow, people.manager, busy, True)
        await bench.set_active(uow, people.manager, placed, False)
        await factories.card(session_factory)
        assert (await match_new_cards(uow, SETTINGS)).fits == 0

    async def test_offers_and_old_cards_are_not_news(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        await developer(uow, people.manager)
        await factories.card(session_factory, kind="offer")
        old = datetime.now(UTC) - timedelta(days=10)
        await factories.card(session_factory, first_seen_at=old, last_seen_at=old)
        result = await match_new_cards(uow, SETTINGS)
        assert (result.cards, result.fits) == (2, 0)

    async def test_each_user_has_their_own_threshold(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        await developer(uow, people.manager, grade="middle")  # a near grade: score ≈ 0.9
        await fits.set_threshold(uow, people.manager, Decimal("0.95"))
        await factories.card(session_factory)
        assert (await match_new_cards(uow, SETTINGS)).fits == 0
        await fits.set_threshold(uow, people.manager, None)
        await factories.card(session_factory)
        assert (await match_new_cards(uow, SETTINGS)).fits == 1


class TestBadInput:
    async def test_a_developer_with_no_stack_or_no_rate_is_scored_on_what_exists(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        await developer(uow, people.manager, "No stack", stack=())
        await developer(uow, people.manager, "No rate", rate_min=None, rate_currency=None,
                        rate_period=None)
        await factories.card(session_factory)
        await match_new_cards(uow, SETTINGS)
        [note] = await notes(session_factory)
        assert note.payload["developer"] == "No rate"
        assert note.payload["details"]["rate_fit"] == "unknown"

    async def test_a_request_with_no_rate_or_an_unknown_currency(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        await developer(uow, people.manager)
        await factories.card(session_factory, rate_rub_hour_min=None, rate_rub_hour_max=None)
        # An unknown currency: the rate is known, its RUB normalisation is not.
        await factories.card(session_factory, rate_min=Decimal(100), rate_currency="XYZ",
                             rate_period="hour", rate_rub_hour_min=None, rate_rub_hour_max=None)
        assert (await match_new_cards(uow, SETTINGS)).fits == 2
        details = [n.payload["details"] for n in await notes(session_factory)]
        assert [d["budget_max"] for d in details] == [None, None]

    async def test_an_owner_who_left_the_team_hands_the_push_to_the_lead(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        await developer(uow, people.manager)
        async with uow:
            await uow.repo(UserRepo).update(people.manager.id, active=False)
            await uow.commit()
        await factories.card(session_factory)
        await match_new_cards(uow, SETTINGS)
        [note] = await notes(session_factory)
        assert note.user_id == people.lead.id

    async def test_a_thousand_fits_from_one_digest_post_are_one_digest(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        await developer(uow, people.manager)
        start = datetime.now(UTC)  # the matcher's clock while the burst arrives
        for n in range(1000):
            await factories.card(session_factory, title=f"Item {n}")
        total = 0
        while (result := await match_new_cards(uow, SETTINGS, now=start)).cards:
            total += result.fits
        assert total == 1000
        assert await notes(session_factory) == [] == await notes(session_factory, "fit_digest")
        settled = datetime.now(UTC) + timedelta(seconds=SETTINGS.digest_settle_seconds)
        await match_new_cards(uow, SETTINGS, now=settled)
        [digest] = await notes(session_factory, "fit_digest")
        assert digest.payload["count"] == 1000 and len(digest.payload["items"]) == 10
        assert {f.delivery for f in await fit_rows(session_factory)} == {"digest"}


class TestNoNoise:
    async def test_a_burst_becomes_one_digest_per_window(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        await developer(uow, people.manager)
        now = datetime.now(UTC)
        for _ in range(2):
            await factories.card(session_factory)
        await match_new_cards(uow, SETTINGS, now=now)
        assert len(await notes(session_factory)) == 2  # within the burst: pushed one by one
        for _ in range(5):
            await factories.card(session_factory)
        await match_new_cards(uow, SETTINGS, now=now)
        assert await notes(session_factory, "fit_digest") == []  # the burst settles first
        now += timedelta(seconds=SETTINGS.digest_settle_seconds + 60)
        await match_new_cards(uow, SETTINGS, now=now)  # the periodic sweep
        [first] = await notes(session_factory, "fit_digest")
        assert first.payload["count"] == 5
        for _ in range(3):
            await factories.card(session_factory)
        await match_new_cards(uow, SETTINGS, now=now)
        assert len(await notes(session_factory, "fit_digest")) == 1  # the window is not over
        later = now + timedelta(minutes=SETTINGS.digest_minutes + 1)
        async with session_factory() as session:  # what the clock does to created_at
            await session.execute(sa.update(Notification).values(
                created_at=now - timedelta(minutes=SETTINGS.digest_minutes + 1)))
            await session.commit()
        await match_new_cards(uow, SETTINGS, now=later)
        digests = await notes(session_factory, "fit_digest")
        assert [d.payload["count"] for d in digests] == [5, 3]

    async def test_quiet_hours_hold_fits_until_they_end(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        await developer(uow, people.manager)
        await fits.set_quiet_hours(uow, people.manager, 22, 8)
        night = datetime(2026, 12, 7, 23, 30, tzinfo=UTC) - timedelta(hours=3)  # 23:30 MSK
        await factories.card(session_factory, first_seen_at=night, last_seen_at=night)
        await match_new_cards(uow, SETTINGS, now=night)
        assert await notes(session_factory) == []
        assert [f.delivery for f in await fit_rows(session_factory)] == ["held"]
        morning = night + timedelta(hours=9)  # 08:30 MSK
        await match_new_cards(uow, SETTINGS, now=morning)
        [note] = await notes(session_factory)  # one fit waited: it arrives as itself
        assert note.payload["developer"] == "Ivan"

    async def test_not_a_fit_is_the_owners_to_say(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        await developer(uow, people.manager)
        await factories.card(session_factory)
        await match_new_cards(uow, SETTINGS)
        [fit] = await fit_rows(session_factory)
        with pytest.raises(AccessDenied):
            await fits.reject(uow, people.other, fit.id)
        rejected = await fits.reject(uow, people.manager, fit.id)
        assert rejected.verdict == "not_fit"
        assert (await fits.page(uow, people.manager))[1] == 0


class TestOwnerAndFreshness:
    async def test_the_owner_is_set_when_added_and_editable(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        dev = await developer(uow, people.manager)
        _, owner = await bench_owner.status(uow, people.manager, dev)
        assert owner is not None and owner.id == people.manager.id
        await bench_owner.set_owner(uow, people.manager, dev, people.colleague.id)
        with pytest.raises(CrmInputError):
            await bench_owner.set_owner(uow, people.lead, dev, people.other.id)  # other team
        await factories.card(session_factory)
        await match_new_cards(uow, SETTINGS)
        [note] = await notes(session_factory)
        assert note.user_id == people.colleague.id

    async def test_a_stale_entry_reminds_its_owner_once(
        self, uow: UnitOfWork, people: People, session_factory: Factory
    ) -> None:
        from crm import bench_freshness

        long_ago = date.today() - timedelta(days=20)
        dev = await developer(uow, people.manager, available_from=long_ago)
        await developer(uow, people.manager, "Fresh")
        assert await bench_freshness.remind(uow, SETTINGS) == 1
        assert await bench_freshness.remind(uow, SETTINGS) == 0
        [note] = await notes(session_factory, "bench_stale")
        assert note.payload["reason"] == "date_passed" and note.payload["days"] == 20
        confirmed = await bench_owner.confirm(uow, people.manager, dev)
        assert confirmed.available_from == date.today()
        assert await bench_freshness.remind(uow, SETTINGS) == 0
