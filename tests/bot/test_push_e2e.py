"""Post → card → CARDS_CHANGED → matcher → outbox → delivery → the sandbox and aiosmtpd,
exactly once, also across an abrupt restart of the workers."""

from __future__ import annotations

import asyncio
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.workers import Workers
from crm import users
from crm.mail import SmtpMailer
from db.models import Notification
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from tests.bot.intake import add_source, publish_request
from tests.support.chat import ChatUser, TelegramHarness
from tests.support.smtp import SmtpServer

PUSH_PREFIX = "🔔 Новый запрос по поиску"


def pushes(tg: TelegramHarness, chat_id: int) -> list[Any]:
    return [
        c
        for c in tg.emu.calls_of("sendMessage")
        if c.ok and c.params["chat_id"] == chat_id and c.params["text"].startswith(PUSH_PREFIX)
    ]


async def until(condition: Any, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def statuses(session_factory: async_sessionmaker[AsyncSession]) -> list[tuple[str, str]]:
    async with session_factory() as session:
        query = sa.select(Notification.channel, Notification.status)
        return sorted(
            (str(channel), str(status)) for channel, status in await session.execute(query)
        )


async def until_sent(session_factory: async_sessionmaker[AsyncSession]) -> None:
    """Until both deliveries are committed: a kill between a send and its commit may repeat
    that one message (crm/outbox.py), which no idempotency key can prevent on SMTP/Telegram."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10.0
    while await statuses(session_factory) != [("email", "sent"), ("telegram", "sent")]:
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)


def workers(tg: TelegramHarness, mailer: Any) -> Workers:
    return Workers(
        tg.bot,
        tg.dp["session_factory"],
        tg.dp["redis"],
        mailer,
        tg.dp["translator"],
        delivery_workers=2,
    )


async def enable_email(session_factory: async_sessionmaker[AsyncSession], tg_id: int) -> None:
    uow = UnitOfWork(session_factory)
    async with uow:
        record = await uow.repo(UserRepo).by_tg_id(tg_id)
    assert record is not None
    await users.set_email(uow, record, "anna@example.com")


class TestPushEndToEnd:
    async def test_one_push_and_one_email_even_after_a_crash(
        self,
        tg: TelegramHarness,
        manager: ChatUser,
        smtp: SmtpServer,
        redis: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await manager.send("/search senior react remote")
        await enable_email(session_factory, manager.id)
        mailer = SmtpMailer("127.0.0.1", smtp.port, "radar@example.com")
        source_id = await add_source(session_factory, "@itjobs")
        first = workers(tg, mailer)
        first.start()
        try:
            await asyncio.sleep(0.3)  # the workers subscribe before the wake-up is published
            await publish_request(
                session_factory,
                redis,
                source_id,
                "Ищем Senior React <dev>, удалёнка, 2000-2500 ₽/ч",
            )
            await until_sent(session_factory)
        finally:
            first.kill()  # cancelled mid-loop, as a killed process would be
        await asyncio.sleep(0.2)

        second = workers(tg, mailer)
        second.start()
        try:
            await asyncio.sleep(2.5)  # several sweeps of both loops
        finally:
            await second.stop()

        assert len(pushes(tg, manager.id)) == 1
        push = pushes(tg, manager.id)[0]
        assert "Senior React &lt;dev&gt;" in push.params["text"]  # escaped for HTML mode
        assert len(smtp.messages) == 1
        mail = smtp.messages[0]
        assert mail["To"] == "anna@example.com" and mail.is_multipart()
        assert {p.get_content_type() for p in mail.get_payload()} == {"text/plain", "text/html"}
        assert await statuses(session_factory) == [("email", "sent"), ("telegram", "sent")]

    async def test_no_push_for_a_card_outside_the_search_or_a_paused_search(
        self,
        tg: TelegramHarness,
        manager: ChatUser,
        redis: Any,
        mailer: Any,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await manager.send("/search golang")
        await manager.send("/search react")
        await manager.press("⏸ react")
        source_id = await add_source(session_factory, "@itjobs")
        running = workers(tg, mailer)
        running.start()
        try:
            await asyncio.sleep(0.3)
            await publish_request(session_factory, redis, source_id, "React senior remote")
            await asyncio.sleep(1.5)
        finally:
            await running.stop()
        assert pushes(tg, manager.id) == []
