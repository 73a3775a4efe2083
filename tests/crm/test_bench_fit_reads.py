"""The bench-fit matcher reads only the users a pass needs, not the whole team every pass."""

from __future__ import annotations

from typing import Any

import pytest

from crm.fit_matcher import match_new_cards
from db.repositories.fits import FitRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People
from tests.crm.factories import Factory
from tests.crm.test_bench_fit import SETTINGS, developer, notes


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Which user and preference reads the matcher makes (the real ones still run)."""
    seen: dict[str, list[Any]] = {"all": [], "many": [], "prefs": []}

    def spy(cls: type, name: str, record: Any) -> None:
        real = getattr(cls, name)

        async def wrapper(self: Any, *args: Any) -> Any:
            seen[record].append(args)
            return await real(self, *args)

        monkeypatch.setattr(cls, name, wrapper)

    spy(UserRepo, "all", "all")
    spy(UserRepo, "many", "many")
    spy(FitRepo, "all_prefs", "prefs")
    return seen


class TestMatcherReads:
    async def test_an_idle_pass_reads_no_users(
        self, uow: UnitOfWork, people: People, session_factory: Factory,
        reads: dict[str, list[Any]],
    ) -> None:
        await developer(uow, people.manager)
        result = await match_new_cards(uow, SETTINGS)  # no card: nothing to match
        assert (result.cards, result.fits) == (0, 0)
        # A card no developer can fit (an offer) reads none either.
        await factories.card(session_factory, kind="offer")
        assert (await match_new_cards(uow, SETTINGS)).cards == 1
        assert reads == {"all": [], "many": [], "prefs": []}

    async def test_a_fit_reads_only_its_owner(
        self, uow: UnitOfWork, people: People, session_factory: Factory,
        reads: dict[str, list[Any]],
    ) -> None:
        await developer(uow, people.manager)
        await factories.card(session_factory)
        result = await match_new_cards(uow, SETTINGS)
        assert (result.fits, result.notifications) == (1, 1)
        [note] = await notes(session_factory)
        assert note.user_id == people.manager.id
        assert reads["all"] == []
        assert [set(ids) for (ids,) in reads["many"]] == [{people.manager.id}]

    async def test_an_owner_now_in_another_team_reads_everyone_for_the_lead(
        self, uow: UnitOfWork, people: People, session_factory: Factory,
        reads: dict[str, list[Any]],
    ) -> None:
        await developer(uow, people.manager)  # a developer of team A
        async with uow:
            await uow.repo(UserRepo).update(people.manager.id, team_id=people.team_b)
            await uow.commit()
        await factories.card(session_factory)
        result = await match_new_cards(uow, SETTINGS)
        assert result.fits == 1 and len(reads["all"]) == 1
        # The owner left the developer's team: the team's lead hears, not the owner.
        assert [note.user_id for note in await notes(session_factory)] == [people.lead.id]
