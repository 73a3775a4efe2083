"""The matcher's cached searches follow every change that decides who gets a push."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from crm import searches
from crm.active_searches import ActiveSearches
from db.models import Notification
from db.records.feed import FeedFilters
from db.repositories.searches import SearchRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from tests.crm import factories

PYTHON = FeedFilters(stack=("Python",))


async def _pushed_searches(uow: UnitOfWork) -> set[int]:
    async with uow:
        return set(await uow.session.scalars(sa.select(Notification.saved_search_id)))


class TestActiveSearches:
    async def test_added_paused_and_deleted_searches_take_effect_at_once(
        self, uow: UnitOfWork, session_factory: Any,
    ) -> None:
        anna = await factories.user(uow, 501)
        active = ActiveSearches(max_age=3600)
        first = await searches.create(uow, anna, "python", PYTHON)
        await factories.card(session_factory)
        await searches.match_new_cards(uow, active=active)
        assert await _pushed_searches(uow) == {first.id}

        second = await searches.create(uow, anna, "python again", PYTHON)
        await searches.set_paused(uow, anna, first.id, paused=True)
        await factories.card(session_factory)
        await searches.match_new_cards(uow, active=active)
        assert await _pushed_searches(uow) == {first.id, second.id}
        async with uow:
            latest = await uow.session.scalars(
                sa.select(Notification.saved_search_id).order_by(Notification.id.desc()).limit(1))
            assert list(latest) == [second.id]

        await searches.delete(uow, anna, second.id)
        await factories.card(session_factory)
        # A deleted search in the cache would break the pass on its foreign key.
        result = await searches.match_new_cards(uow, active=active)
        assert (result.cards, result.notifications) == (1, 0)

    async def test_owner_rows_are_reread_when_old(self, uow: UnitOfWork) -> None:
        anna = await factories.user(uow, 502)
        await searches.create(uow, anna, "python", PYTHON)
        now = [0.0]
        active = ActiveSearches(max_age=60, clock=lambda: now[0])
        async with uow:
            repo = uow.repo(SearchRepo)
            [(_, owner)] = await active.get(repo)
            assert owner.language == "en"
            await uow.repo(UserRepo).update(anna.id, language="ru")
            [(_, owner)] = await active.get(repo)
            assert owner.language == "en"  # same ids, young cache: the copy is kept
            now[0] = 61.0
            [(_, owner)] = await active.get(repo)
            assert owner.language == "ru"
