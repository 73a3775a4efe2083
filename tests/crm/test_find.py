"""Free-text search walks the newest cards, then asks the GIN index (see
db/repositories/card_search.py); whichever pass answers, the answer must be the newest matches
the viewer may see, as a search of all cards would give."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import find
from db.repositories import card_search
from db.repositories.card_search import CardSearchRepo
from db.repositories.feed import FeedRepo
from db.uow import UnitOfWork
from tests.bot.factories import make_card, make_source
from tests.crm.conftest import People

Factory = async_sessionmaker[AsyncSession]
DAYS = (0, 2, 10, 20, 45, 60, 100)


async def _cards(session_factory: Factory, people: People) -> tuple[dict[str, int], int]:
    """Kotlin cards of every age, some out of the manager's scope, and newer noise."""
    mine = await make_source(session_factory, "Mine", "mine")
    other = await make_source(session_factory, "Other", "other")
    ids: dict[str, int] = {}
    for days in DAYS:
        age = timedelta(days=days, minutes=5)
        ids[f"in_{days}"] = await make_card(
            session_factory, mine, title=f"Kotlin {days}", text="Ищем Kotlin разработчика",
            age=age, roles=["mobile"])
        ids[f"chat_{days}"] = await make_card(
            session_factory, other, title=f"Kotlin chat {days}", text="Kotlin", age=age,
            roles=["mobile"])
        ids[f"role_{days}"] = await make_card(
            session_factory, mine, title=f"Kotlin role {days}", text="Kotlin", age=age,
            roles=["backend"])
        ids[f"team_{days}"] = await make_card(
            session_factory, mine, title=f"Kotlin team {days}", text="Kotlin", age=age,
            roles=["mobile"], team_id=people.team_b)
    for n in range(6):
        await make_card(session_factory, mine, title=f"Go {n}", text="Go", age=timedelta(0),
                        roles=["mobile"])
    return ids, mine


# 2: the walk finds nothing and the bitmaps answer; 10: it finds one and walks further.
@pytest.mark.parametrize("window", [2, 10, 5000])
async def test_every_slice_answers_the_newest_visible_matches(
    session_factory: Factory, uow: UnitOfWork, people: People, monkeypatch: pytest.MonkeyPatch,
    window: int,
) -> None:
    monkeypatch.setattr(card_search, "WINDOW", window)
    ids, mine = await _cards(session_factory, people)
    scoped = replace(people.manager, scope_roles=("mobile",), scope_source_ids=(mine,))
    async with uow:
        await uow.repo(FeedRepo).hide(ids["in_2"], scoped.id)
        await uow.commit()
    for candidates, expected in ((1, [0]), (3, [0, 10, 20]), (50, [0, 10, 20, 45, 60, 100])):
        async with uow:
            cards, matched = await uow.repo(CardSearchRepo).search(
                ["kotlin"], scoped, kinds=("request",), candidates=candidates, limit=50)
        assert matched == len(expected)
        assert sorted(c.id for c in cards) == sorted(ids[f"in_{d}"] for d in expected)
    found = await find.find(uow, people.admin, "kotlin")
    assert found.matched == 7 * 4 and len(found.cards) == find.SHOWN

