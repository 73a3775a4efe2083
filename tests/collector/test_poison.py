"""Poison posts among real ones: each costs only itself, every good post is classified, and a
failed post keeps its error and is retried a capped number of times."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DataError

from classifier.api import Prediction
from classifier.parsers import parse_rate
from collector.classify_worker import ClassifyWorker
from collector.intake import Collector
from crm import bounds, ingest
from db.models import Post, RequestCard
from db.repositories.cards import CardRepo
from db.uow import UnitOfWork
from tests.fakes.classifier import FakeClassifier
from tests.fakes.telethon import marked, raw

RECORDS = Path(__file__).resolve().parents[2].parent / "shared/data/tg_jobs_wudmc/records.jsonl"
CHAT = marked(7)
POISONS = (
    "Ищем Python разработчика, зарплата 5 000 000 000 000 руб в месяц",
    "Ищем Java разработчика, 5000000000000000000 руб/ч",
    "Ищем Go разработчика, зарплата " + "9" * 400 + " руб",
    "Ищем React разработчика, ставка " + "9" * 400 + " руб/ч",
)


def real_posts(count: int) -> list[str]:
    if not RECORDS.exists():
        pytest.skip(f"real posts not found at {RECORDS} (../shared/data is absent)")
    texts = []
    with RECORDS.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            if text.strip():
                texts.append(text)
            if len(texts) == count:
                break
    return texts


class ParsingClassifier(FakeClassifier):
    """The fake's kinds with the product's own rate parser: the path a poison rate takes."""

    async def classify(self, texts: Sequence[str]) -> list[Prediction]:
        out = []
        for prediction, text in zip(await super().classify(texts), texts, strict=True):
            labels = prediction.labels
            rate = parse_rate(text)
            out.append(Prediction(type(labels)(**{**labels.__dict__, "rate": rate}),
                                  prediction.confidences, prediction.model_version))
        return out


async def _states(uow: UnitOfWork) -> dict[str, str]:
    async with uow:
        rows = await uow.session.execute(sa.select(Post.text, Post.classify_state))
        return {text: state for text, state in rows.all()}


async def _store(collector: Collector, add_source: Any, texts: list[str]) -> None:
    await add_source(CHAT)
    await collector.load_sources()
    await collector.on_messages([raw(CHAT, n + 1, t) for n, t in enumerate(texts)])


class TestParsedValuesAreBounded:
    @pytest.mark.parametrize("text", POISONS[::2])
    def test_absurd_or_endless_salaries_are_no_rate(self, text: str) -> None:
        assert parse_rate(text) is None

    def test_ordinary_salaries_still_parse(self) -> None:
        rate = parse_rate("зарплата 250 000 руб в месяц")
        assert rate is not None and rate.max == 250_000

    def test_storage_bounds_refuse_what_postgres_would(self) -> None:
        assert bounds.money(10**12, 14) is None and bounds.money(float("inf"), 14) is None
        assert bounds.money(999_999_999_999.99, 14) == Decimal("999999999999.99")
        assert bounds.integer(2**63) is None and bounds.integer(5, 0, 10) == 5
        assert bounds.text("a\x00b\ud800c", 2) == "ab"
        assert bounds.json_value({"x": [float("nan"), "\x00y", 2**70]}) == {"x": [None, "y", None]}


class TestPoisonAmongRealPosts:
    async def test_every_good_post_is_classified_and_poison_costs_only_itself(
        self, collector: Collector, add_source: Any, session_factory: Any, redis: Any,
        uow: UnitOfWork,
    ) -> None:
        good = real_posts(40)
        texts = [*good[:10], *POISONS, *good[10:]]
        await _store(collector, add_source, texts)
        worker = ClassifyWorker(session_factory, redis, ParsingClassifier(), batch_size=8)
        await worker.drain()
        states = await _states(uow)
        assert {states[t] for t in good} == {"done"}
        assert {states[p] for p in POISONS} == {"done"}  # bounded: stored without the rate
        async with uow:
            rates = (await uow.session.execute(
                sa.select(RequestCard.rate_max).where(RequestCard.text.in_(POISONS)))).all()
        assert rates and all(r is None for (r,) in rates)

    async def test_a_post_the_database_refuses_is_failed_with_its_error_and_the_batch_goes_on(
        self, collector: Collector, add_source: Any, session_factory: Any, redis: Any,
        uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        poison = "Ищем Python разработчика POISON"
        good = real_posts(20)
        await _store(collector, add_source, [*good[:5], poison, *good[5:]])
        create = CardRepo.create

        async def refuse(self: CardRepo, **values: Any) -> int:
            if "POISON" in values["text"]:
                raise DataError("INSERT", {}, Exception("numeric field overflow"))
            return await create(self, **values)

        monkeypatch.setattr(CardRepo, "create", refuse)
        worker = ClassifyWorker(session_factory, redis, ParsingClassifier(), batch_size=8)
        await worker.drain()
        states = await _states(uow)
        assert {states[t] for t in good} == {"done"}
        assert states[poison] == "failed"
        async with uow:
            error, tries = (await uow.session.execute(
                sa.select(Post.classify_error, Post.classify_attempts)
                .where(Post.text == poison))).one()
        assert "numeric field overflow" in (error or "") and tries == 1
        assert await worker.drain() == 0, "a failed post must not be claimed again"

        # The periodic retry gives it a few more chances, then leaves it alone.
        for attempt in range(2, ingest.RETRY_CAP + 1):
            assert await ingest.retry_failed(uow, after=timedelta(0)) == 1
            assert await worker.drain() == 1
            async with uow:
                tries = await uow.session.scalar(
                    sa.select(Post.classify_attempts).where(Post.text == poison))
            assert tries == attempt
        assert await ingest.retry_failed(uow, after=timedelta(0)) == 0

    async def test_a_database_outage_is_no_poison_the_batch_stays_pending(
        self, collector: Collector, add_source: Any, session_factory: Any, redis: Any,
        uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        from sqlalchemy.exc import OperationalError

        await _store(collector, add_source, ["Ищем Python разработчика", "Ищем Java"])

        async def outage(self: CardRepo, **values: Any) -> int:
            raise OperationalError("INSERT", {}, ConnectionResetError("server closed"))

        monkeypatch.setattr(CardRepo, "create", outage)
        worker = ClassifyWorker(session_factory, redis, ParsingClassifier(), batch_size=8)
        with pytest.raises(OperationalError):
            await worker.run_once()
        assert set((await _states(uow)).values()) == {"pending"}
