"""A developer on the bench, a fitting request through the collector's storing path, and the
owner's one push with the score and buttons; propose, not a fit, and a restart between match
and delivery (issue 21's "done when")."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.workers import Workers
from crm import bench, fit_matcher
from crm.fit_settings import FitSettings
from db.models import BenchFit, Notification, RequestCard, Submission
from db.records.bench import BenchDraft
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from tests.bot.intake import add_source, publish_request
from tests.support.chat import ChatUser, TelegramHarness

FIT_PREFIX = "🎯"
REQUEST = "Ищем Senior React разработчика, удалёнка, 2000-2500 ₽/ч"
SETTINGS = FitSettings.model_construct()


def fit_pushes(tg: TelegramHarness, chat_id: int) -> list[Any]:
    return [c for c in tg.emu.calls_of("sendMessage")
            if c.ok and c.params["chat_id"] == chat_id
            and c.params["text"].startswith(FIT_PREFIX)]


async def until(condition: Any, timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)


def workers(tg: TelegramHarness, mailer: Any) -> Workers:
    return Workers(tg.bot, tg.dp["session_factory"], tg.dp["redis"], mailer,
                   tg.dp["translator"], delivery_workers=2, fit_settings=SETTINGS)


async def add_developer(session_factory: async_sessionmaker[AsyncSession], owner_tg: int,
                        name: str = "Олег", **fields: Any) -> int:
    uow = UnitOfWork(session_factory)
    async with uow:
        owner = await uow.repo(UserRepo).by_tg_id(owner_tg)
    assert owner is not None
    values: dict[str, Any] = {"stack": ("React", "TypeScript"), "grade": "senior",
                              "rate_min": Decimal(2400), "rate_currency": "RUB",
                              "rate_period": "hour", "formats": ("remote",), **fields}
    return (await bench.add(uow, owner, BenchDraft(name=name, **values))).id


async def count(session_factory: async_sessionmaker[AsyncSession], query: Any) -> int:
    async with session_factory() as session:
        return int(await session.scalar(query) or 0)


class TestBenchFitEndToEnd:
    async def test_one_push_propose_and_a_restart_between_match_and_delivery(
        self, tg: TelegramHarness, manager: ChatUser, redis: Any, mailer: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        developer_id = await add_developer(session_factory, manager.id)
        source_id = await add_source(session_factory, "@itjobs")
        await publish_request(session_factory, redis, source_id, REQUEST)
        # Matched and queued, then the process dies before any delivery ran.
        matched = await fit_matcher.match_new_cards(UnitOfWork(session_factory), SETTINGS)
        assert (matched.cards, matched.fits, matched.notifications) == (1, 1, 1)
        assert fit_pushes(tg, manager.id) == []

        first = workers(tg, mailer)
        first.start()
        try:
            await until(lambda: len(fit_pushes(tg, manager.id)) == 1)
            await asyncio.sleep(0.3)
        finally:
            first.kill()
        second = workers(tg, mailer)
        second.start()
        try:
            await asyncio.sleep(1.5)  # sweeps of the matcher and the delivery loops
        finally:
            await second.stop()

        [push] = fit_pushes(tg, manager.id)
        text = push.params["text"]
        assert "Олег" in text and "%" in text
        assert "стек 1/1" in text and "грейд подходит" in text and "2 400 ≤ 2 500 ₽/ч" in text
        assert "Senior React" in text  # the request's card
        view = manager.message_with_button("🤝 Предложить")
        push_message_id = view.message_id
        assert view.buttons == ["🤝 Предложить", "🚫 Не подходит", "📄 Открыть запрос"]
        statuses = await count(session_factory, sa.select(sa.func.count()).where(
            Notification.kind == "bench_fit", Notification.status == "sent"))
        assert statuses == 1

        await manager.press("📄 Открыть запрос")
        assert "Senior React" in manager.last_message.text

        await manager.press("🤝 Предложить")
        submissions = await count(session_factory, sa.select(sa.func.count()).where(
            Submission.developer_id == developer_id))
        assert submissions == 1
        stage = await count(session_factory, sa.select(sa.func.count()).where(
            RequestCard.stage == "proposed"))
        assert stage == 1
        # The push turns into the proposal's next step: an interview now, or later.
        step = manager.message_with_button("📅 Назначить собеседование")
        assert step.message_id == push_message_id and "Позже" in step.buttons

    async def test_not_a_fit_stops_the_pair_through_relabels_and_cross_posts(
        self, tg: TelegramHarness, manager: ChatUser, redis: Any, mailer: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await add_developer(session_factory, manager.id)
        source_id = await add_source(session_factory, "@itjobs")
        other_chat = await add_source(session_factory, "@devjobs")
        running = workers(tg, mailer)
        running.start()
        try:
            await asyncio.sleep(0.3)
            await publish_request(session_factory, redis, source_id, REQUEST, message_id=9001)
            await until(lambda: len(fit_pushes(tg, manager.id)) == 1)
            await manager.press("🚫 Не подходит")
            assert manager.last_alert == "Отмечено: не подходит"
            assert manager.last_message.text.startswith("🚫")
            assert manager.last_message.buttons == ["📄 Открыть запрос"]
            verdicts = await count(session_factory, sa.select(sa.func.count()).where(
                BenchFit.verdict == "not_fit"))
            assert verdicts == 1
            # The post is edited (the card is re-labelled and re-matched) and cross-posted.
            edited = datetime.now(UTC) + timedelta(seconds=1)
            await publish_request(session_factory, redis, source_id, REQUEST + " Срочно.",
                                  message_id=9001, edited_at=edited)
            await publish_request(session_factory, redis, other_chat, REQUEST)
            await asyncio.sleep(1.5)
            relabelled = await count(session_factory, sa.select(sa.func.count()).where(
                RequestCard.text.endswith("Срочно."), RequestCard.fit_matched_at.is_not(None)))
            assert relabelled == 1  # the edit reached the card and the matcher saw it again
        finally:
            await running.stop()
        assert len(fit_pushes(tg, manager.id)) == 1
        cards = await count(session_factory, sa.select(sa.func.count()).select_from(RequestCard))
        assert cards == 1  # the cross-post merged into the same card
