"""A field a manager corrected survives the post's edit; the other fields follow the edit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from collector.classify_worker import ClassifyWorker
from collector.intake import Collector
from crm import corrections
from db.repositories.cards import CardRepo
from db.uow import UnitOfWork
from tests.crm import factories
from tests.fakes.classifier import FakeClassifier
from tests.fakes.telethon import T0, marked, raw

A = marked(1)


@pytest.fixture
def worker(session_factory: Any, redis: Any, classifier: FakeClassifier) -> ClassifyWorker:
    return ClassifyWorker(session_factory, redis, classifier, batch_size=4)


@pytest.fixture
async def live(collector: Collector, add_source: Any) -> Collector:
    await add_source(A)
    await collector.load_sources()
    return collector


class TestCorrectionsKept:
    async def test_an_edit_relabels_only_the_fields_nobody_corrected(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
    ) -> None:
        admin = await factories.user(uow, 1, "admin")
        await live.on_messages([raw(A, 1, "Ищем Java разработчика junior")])
        await worker.drain()
        async with uow:
            [card_id] = await uow.repo(CardRepo).all_ids()
        await corrections.correct(uow, admin, card_id, "grades", "junior")  # off
        await corrections.correct(uow, admin, card_id, "grades", "senior")
        await corrections.correct(uow, admin, card_id, "roles", "qa")
        await live.on_messages([raw(A, 1, "Ищем Python разработчика middle, 2000 ₽/ч",
                                    edit_date=T0 + timedelta(hours=1))])
        await worker.drain()
        async with uow:
            card = await uow.repo(CardRepo).get(card_id)
        assert card is not None
        # Corrected: kept as the manager left them, though the edit says "middle".
        assert card.grades == ("senior",)
        assert card.roles == ("backend", "qa")
        # Nobody corrected these: they follow the edited post.
        assert card.stack == ("Python",)
        assert float(card.rate_rub_hour_max or 0) == 2000.0

    async def test_without_corrections_an_edit_relabels_everything(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
    ) -> None:
        await live.on_messages([raw(A, 1, "Ищем Java разработчика junior")])
        await worker.drain()
        await live.on_messages([raw(A, 1, "Ищем QA middle", edit_date=T0 + timedelta(hours=1))])
        await worker.drain()
        async with uow:
            [card_id] = await uow.repo(CardRepo).all_ids()
            card = await uow.repo(CardRepo).get(card_id)
        assert card is not None
        assert (card.roles, card.grades) == (("qa",), ("middle",))
