"""Near copies found through MinHash band keys and confirmed on the texts (classifier.dedup)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
import sqlalchemy as sa

from collector.classify_worker import ClassifyWorker
from collector.intake import Collector
from collector.textsig import band_keys, simhash
from collector.verdicts import to_verdict
from crm import ingest
from db.models import RequestCard
from db.records.cards import IngestCardRecord, PostVerdict
from db.records.posts import PendingPost
from db.repositories.cards import CardRepo
from db.uow import UnitOfWork
from tests.fakes.classifier import FakeClassifier
from tests.fakes.telethon import marked, raw

A, B = marked(1), marked(2)
ORIGINAL = (
    "Ищем Middle+ React разработчика на проект, удаленно, до 2500 ₽/ч\n"
    "Проект: личный кабинет страховой компании, команда из 6 человек\n"
    "Стек: React 18, TypeScript, Redux Toolkit, Jest, Storybook\n"
    "Длительность: 6 месяцев с продлением, старт на следующей неделе\n"
    "Требования: коммерческий опыт от 3 лет, английский на уровне чтения документации\n"
    "Контакт для резюме: @hr_manager_anna"
)
# What a reposting channel does: emoji, a header, a footer and tags, one line dropped.
REPOST = (
    "Новая вакансия от партнёров:\n"
    + "\n".join(f"🔥 {line}" for line in ORIGINAL.splitlines() if "Длительность" not in line)
    + "\n#вакансия #remote #react\n"
    "Подписывайтесь на наш канал @jobs_channel_x — больше вакансий каждый день!"
)
# One channel's template with another opening in it: a different request.
SAME_TEMPLATE = (
    ORIGINAL.replace("Middle+ React", "Senior Vue").replace("2500", "3200")
    .replace("React 18, TypeScript, Redux Toolkit, Jest, Storybook", "Vue 3, Pinia, Vite, Cypress")
    .replace("личный кабинет страховой компании", "маркетплейс строительных материалов")
)


async def _cards(uow: UnitOfWork) -> list[IngestCardRecord]:
    async with uow:
        repo = uow.repo(CardRepo)
        return [c for i in await repo.all_ids() if (c := await repo.get(i))]


@pytest.fixture
def worker(session_factory: Any, redis: Any, classifier: FakeClassifier) -> ClassifyWorker:
    return ClassifyWorker(session_factory, redis, classifier, batch_size=4)


@pytest.fixture
async def live(collector: Collector, add_source: Any) -> Collector:
    await add_source(A)
    await add_source(B)
    await collector.load_sources()
    return collector


class TestCrossPosts:
    async def test_an_edited_repost_joins_the_original_card(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
    ) -> None:
        # The simhash rule this replaces (<= 3 differing bits) misses this repost.
        assert (simhash(ORIGINAL) ^ simhash(REPOST)).bit_count() > 3
        await live.on_messages([raw(A, 1, ORIGINAL)])
        await worker.drain()
        await live.on_messages([raw(B, 5, REPOST, minutes=60 * 24 * 3)])
        await worker.drain()
        [card] = await _cards(uow)
        assert card.source_count == 2
        # The repost's keys joined the card's: copies of the repost find the card too.
        async with uow:
            keys = await uow.session.scalar(sa.select(RequestCard.band_keys))
        assert set(keys) == set(band_keys(ORIGINAL)) | set(band_keys(REPOST))

    async def test_another_opening_in_the_same_template_is_its_own_card(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
    ) -> None:
        await live.on_messages([raw(A, 1, ORIGINAL), raw(A, 2, SAME_TEMPLATE, minutes=30)])
        await worker.drain()
        assert sorted(c.source_count for c in await _cards(uow)) == [1, 1]

    async def test_an_edited_repost_after_the_window_is_a_new_card(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
    ) -> None:
        await live.on_messages([raw(A, 1, ORIGINAL), raw(B, 2, REPOST, minutes=60 * 24 * 15)])
        await worker.drain()
        assert len(await _cards(uow)) == 2

    async def test_without_a_text_comparison_shared_band_keys_decide(
        self, live: Collector, classifier: FakeClassifier, uow: UnitOfWork,
    ) -> None:
        async def analyse(posts: Sequence[PendingPost]) -> list[PostVerdict]:
            predictions = await classifier.classify([p.text for p in posts])
            return [to_verdict(p, pr) for p, pr in zip(posts, predictions, strict=True)]

        await live.on_messages([raw(A, 1, ORIGINAL), raw(A, 2, SAME_TEMPLATE, minutes=30),
                                raw(B, 3, REPOST, minutes=90)])
        await ingest.classify_pending(uow, limit=10, analyse=analyse)
        assert sorted(c.source_count for c in await _cards(uow)) == [1, 2]
