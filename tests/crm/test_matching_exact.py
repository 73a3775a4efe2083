"""The SQL pre-ranking is only an optimisation: whatever the chunk size, the top of the
ranking equals scoring every bench developer in Python."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import proposals
from crm.matching import rank_key, score_match, stack_variants
from db.models import BenchDeveloper
from db.repositories.bench import BenchRepo
from db.repositories.pipeline import PipelineRepo
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.conftest import People

Factory = async_sessionmaker[AsyncSession]
TECH = ("Python", "python", "Django", "PostgreSQL", "postgresql", "Go", "React", "Kafka")
GRADES = (None, "junior", "middle", "senior", "lead")


async def _random_bench(session_factory: Factory, count: int, seed: int) -> None:
    rng = random.Random(seed)
    today = datetime.now(UTC).date()
    rows = [{
        "name": f"d{i}", "roles": ["backend"], "stack": rng.sample(TECH, rng.randint(1, 4)),
        "grade": rng.choice(GRADES), "active": rng.random() > 0.1,
        "rate_rub_hour": rng.choice([None, Decimal(rng.randrange(500, 8000, 250))]),
        "available_from": rng.choice([None, today + timedelta(days=rng.randint(-20, 90))]),
        "formats": rng.sample(["remote", "office", "hybrid"], rng.randint(0, 2)),
    } for i in range(count)]
    async with session_factory() as session:
        await session.execute(sa.insert(BenchDeveloper), rows)
        await session.commit()


class TestExactRanking:
    @pytest.mark.parametrize(("stack", "chunk"), [
        (["Python", "Django", "PostgreSQL"], 3), (["Go"], 5), (["Python", "Kafka"], 1),
        ([], 4),
    ])
    async def test_pruned_ranking_equals_brute_force(
        self, uow: UnitOfWork, session_factory: Factory, people: People,
        monkeypatch: pytest.MonkeyPatch, stack: list[str], chunk: int,
    ) -> None:
        await _random_bench(session_factory, 150, seed=len(stack) * 31 + chunk)
        card_id = await factories.card(session_factory, stack=stack)
        monkeypatch.setattr(proposals, "CHUNK", chunk)
        found = await proposals.for_request(uow, people.manager, card_id)

        async with uow:
            card = await uow.repo(PipelineRepo).card(card_id)
            everyone = await uow.repo(BenchRepo).page(0, 1000)
        assert card is not None
        profile = proposals.request_profile(card, datetime.now(UTC).date())
        names = set(stack_variants(stack))
        pool = [d for d in everyone
                if names & set(d.stack) or (not stack and "backend" in d.roles)]
        expected = sorted(
            ((score_match(profile, proposals.developer_profile(d)), d.id) for d in pool),
            key=lambda pair: rank_key(*pair),
        )[:10]
        assert [(m.developer.id, m.match.score) for m in found] == [
            (i, s.score) for s, i in expected
        ]
