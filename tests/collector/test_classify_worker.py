from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from collector.classify_worker import ClassifyWorker
from collector.intake import Collector
from crm import ingest
from db.models import Classification, Post
from db.records.cards import IngestCardRecord
from db.repositories.cards import CardRepo
from db.uow import UnitOfWork
from tests.fakes.classifier import FakeClassifier
from tests.fakes.telethon import T0, marked, raw

A, B = marked(1), marked(2)
REQUEST = "Ищем Middle+ React разработчика на проект, 6 мес, удаленно, до 2500 ₽/ч"


async def _cards(uow: UnitOfWork) -> list[IngestCardRecord]:
    async with uow:
        repo = uow.repo(CardRepo)
        return [c for i in await repo.all_ids() if (c := await repo.get(i))]


async def _states(uow: UnitOfWork) -> list[str]:
    async with uow:
        return list(await uow.session.scalars(sa.select(Post.classify_state).order_by(Post.id)))


@pytest.fixture
def worker(session_factory: Any, redis: Any, classifier: FakeClassifier) -> ClassifyWorker:
    return ClassifyWorker(session_factory, redis, classifier, batch_size=2)


@pytest.fixture
async def live(collector: Collector, add_source: Any) -> Collector:
    await add_source(A)
    await add_source(B)
    await collector.load_sources()
    return collector


class TestClassifyWorker:
    async def test_request_becomes_a_card_with_labels_and_rate(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
    ) -> None:
        await live.on_messages([raw(A, 1, REQUEST), raw(A, 2, "Реклама курсов"),
                                raw(A, 3, "")])
        assert await worker.drain() == 2
        [card] = await _cards(uow)
        assert (card.kind, card.roles, card.stack, card.formats) == (
            "request", ("frontend",), ("React",), ("remote",))
        assert float(card.rate_rub_hour_max or 0) == 2500.0
        assert card.source_count == 1
        assert await _states(uow) == ["done", "done", "skipped"]

    async def test_crash_mid_batch_leaves_posts_pending_and_they_are_found_again(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        await live.on_messages([raw(A, 1, REQUEST), raw(A, 2, "Ищем Java")])
        original = CardRepo.attach

        async def crash(*args: Any, **kwargs: Any) -> None:
            raise SystemExit("killed")  # as abrupt as it gets inside the transaction

        monkeypatch.setattr(CardRepo, "attach", crash)
        with pytest.raises(SystemExit):
            await worker.run_once()
        assert await _states(uow) == ["pending", "pending"]
        monkeypatch.setattr(CardRepo, "attach", original)
        await worker.drain()
        await worker.drain()
        async with uow:
            rows = await uow.session.scalar(sa.select(sa.func.count()).select_from(Classification))
        assert rows == 2
        assert len(await _cards(uow)) == 2

    async def test_a_poisoned_post_fails_alone(
        self, live: Collector, session_factory: Any, redis: Any, uow: UnitOfWork,
    ) -> None:
        worker = ClassifyWorker(session_factory, redis, FakeClassifier(fail_on="BOOM"))
        await live.on_messages([raw(A, 1, REQUEST), raw(A, 2, "BOOM")])
        await worker.drain()
        assert await _states(uow) == ["done", "failed"]

    async def test_skip_locked_lets_two_workers_share_the_queue(
        self, live: Collector, uow: UnitOfWork, session_factory: Any,
    ) -> None:
        await live.on_messages([raw(A, i, f"Ищем Go {i}") for i in range(1, 5)])
        seen: list[list[int]] = []

        async def inner(posts: Any) -> list[Any]:
            seen.append([p.id for p in posts])
            return []

        async def outer(posts: Any) -> list[Any]:
            seen.append([p.id for p in posts])
            await ingest.classify_pending(UnitOfWork(session_factory), limit=2, analyse=inner)
            return []

        await ingest.classify_pending(uow, limit=2, analyse=outer)
        assert seen == [[1, 2], [3, 4]]


class TestCards:
    async def test_cross_post_merges_into_one_card_with_two_sources(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
    ) -> None:
        await live.on_messages([raw(A, 1, REQUEST)])
        await live.on_messages([raw(B, 7, REQUEST + " 🔥", minutes=90)])
        await worker.drain()
        [card] = await _cards(uow)
        assert card.source_count == 2
        assert card.last_seen_at == T0 + timedelta(minutes=90)
        async with uow:
            assert len(await uow.repo(CardRepo).sources_of(card.id)) == 2

    async def test_forward_joins_the_original_card(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
    ) -> None:
        await live.on_messages([raw(A, 1, REQUEST)])
        await worker.drain()
        await live.on_messages([raw(B, 2, "Коллеги, кто может? " + REQUEST[:30],
                                    fwd_chat_id=A, fwd_message_id=1)])
        await worker.drain()
        [card] = await _cards(uow)
        assert card.source_count == 2

    async def test_same_text_outside_the_window_is_a_new_card(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
    ) -> None:
        await live.on_messages([raw(A, 1, REQUEST), raw(B, 2, REQUEST, minutes=60 * 24 * 20)])
        await worker.drain()
        assert len(await _cards(uow)) == 2

    async def test_digest_gives_one_card_per_item(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
    ) -> None:
        digest = ("Дайджест вакансий недели\n1. Java senior, 3000 руб/ч\n"
                  "2. QA middle, удаленно\n3. DevOps lead")
        await live.on_messages([raw(A, 1, digest)])
        await worker.drain()
        cards = await _cards(uow)
        assert sorted(c.stack for c in cards) == [("Java",), ("Kubernetes",), ("QA",)]
        async with uow:
            indexes = (await uow.session.scalars(sa.select(Classification.item_index))).all()
        assert sorted(indexes) == [0, 1, 2]

    async def test_edit_reclassifies_and_updates_the_card(
        self, live: Collector, worker: ClassifyWorker, uow: UnitOfWork,
    ) -> None:
        await live.on_messages([raw(A, 1, "Ищем Java разработчика")])
        await worker.drain()
        await live.on_messages([raw(A, 1, "Ищем Python разработчика, 2000 ₽/ч",
                                    edit_date=T0 + timedelta(hours=1))])
        await worker.drain()
        [card] = await _cards(uow)
        assert card.stack == ("Python",)
        assert float(card.rate_rub_hour_max or 0) == 2000.0


class TestClassifyWorkerOutages:
    async def test_redis_down_means_timed_sweeps_not_a_busy_loop(
        self, session_factory: Any, classifier: FakeClassifier,
    ) -> None:
        import asyncio

        from redis.asyncio import Redis

        from tests.bot.conftest import free_port

        dead = Redis.from_url(f"redis://127.0.0.1:{free_port()}/0")
        worker = ClassifyWorker(session_factory, dead, classifier, sweep_seconds=0.5)
        sweeps = 0
        drain = worker.drain

        async def counted() -> int:
            nonlocal sweeps
            sweeps += 1
            return await drain()

        worker.drain = counted  # type: ignore[method-assign]
        stop = asyncio.Event()
        task = asyncio.create_task(worker.run(stop))
        await asyncio.sleep(2.0)
        stop.set()
        await asyncio.wait_for(task, 5)
        await dead.aclose()
        assert 2 <= sweeps <= 6, sweeps
