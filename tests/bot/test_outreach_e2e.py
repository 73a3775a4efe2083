"""Follow-up chains end to end: a manager in the sandbox chat, the chain worker with the
collector's Telethon sender over a client that never connects, the outbox to aiosmtpd and
back to the sandbox, and replies as real Telethon updates."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from email.header import decode_header, make_header

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.workers import Workers
from collector.inbox import ReplyRecorder
from collector.telethon_outreach import TelethonDmSender, subscribe_private
from crm import outbox
from crm.mail import SmtpMailer
from crm.outreach_admin import sync_templates
from crm.outreach_chains import load_chains
from crm.outreach_settings import OutreachSettings
from crm.outreach_worker import OutreachWorker
from db.models import OutreachRun, OutreachStep, Post, RequestSource, Task
from db.uow import UnitOfWork
from tests.bot.factories import make_card, make_source
from tests.fakes.telethon import RecordingClient, incoming
from tests.support.chat import ChatUser, TelegramHarness
from tests.support.smtp import SmtpServer

Factory = async_sessionmaker[AsyncSession]
AUTHOR = 700_100
POST = "Ищем Senior Python разработчика на проект, 6 месяцев. Почта: hr@client.example"


async def posted_by(session_factory: Factory, author_id: int, text: str = POST,
                    username: str = "itjobs") -> int:
    source = await make_source(session_factory, username=username)
    card_id = await make_card(session_factory, source, title="Senior Python", text=text)
    async with session_factory() as session:
        await session.execute(sa.update(Post).where(Post.id.in_(
            sa.select(RequestSource.post_id).where(RequestSource.request_id == card_id)))
            .values(author_id=author_id, author_name="Ольга"))
        await session.commit()
    return card_id


async def take_and_open(manager: ChatUser, card_id: int) -> None:
    await manager.send(f"/req {card_id}")
    await manager.press("🤝 Взять в работу")
    await manager.press("✉️ Написать автору")


async def next_due(session_factory: Factory) -> datetime:
    async with session_factory() as session:
        due = await session.scalar(sa.select(sa.func.min(OutreachStep.due_at))
                                   .where(OutreachStep.status == "pending"))
    assert due is not None, "no step is pending"
    return due


class Chain:
    """The collector's side: the worker over a Telethon client, and its private inbox."""

    def __init__(self, tg: TelegramHarness, session_factory: Factory, smtp: SmtpServer) -> None:
        self.session_factory = session_factory
        self.client = RecordingClient()
        settings = OutreachSettings(pacing_seconds=0, reply_to="sales@radar.example")
        self.worker = OutreachWorker(load_chains(), settings,
                                     TelethonDmSender(self.client, "main"), random.Random(5))
        subscribe_private(self.client, ReplyRecorder(session_factory, timedelta(days=30)))
        mailer = SmtpMailer("127.0.0.1", smtp.port, "radar@example.com")
        self.sender = Workers(tg.bot, session_factory, tg.dp["redis"], mailer,
                              tg.dp["translator"], delivery_workers=1).sender

    async def step(self) -> datetime:
        """Jumps to the next due step, does it, and delivers what it queued."""
        due = await next_due(self.session_factory)
        assert await self.worker.run_next(UnitOfWork(self.session_factory), due) is not None
        await self.deliver()
        return due

    async def deliver(self) -> None:
        while await outbox.deliver_next(UnitOfWork(self.session_factory), self.sender):
            pass


async def started(tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
                  smtp: SmtpServer) -> Chain:
    """A manager has started a chain to AUTHOR with the text as previewed."""
    await sync_templates(UnitOfWork(session_factory), load_chains())
    await take_and_open(manager, await posted_by(session_factory, AUTHOR))
    await manager.press("✅ Запустить")
    return Chain(tg, session_factory, smtp)


async def run_status(session_factory: Factory) -> list[tuple[str, str | None]]:
    async with session_factory() as session:
        rows = await session.execute(sa.select(OutreachRun.status, OutreachRun.stop_reason)
                                     .order_by(OutreachRun.id))
        return [(s, r) for s, r in rows.all()]


class TestFollowUpChain:
    async def test_dm_then_email_then_the_owners_task(
        self, tg: TelegramHarness, manager: ChatUser, smtp: SmtpServer, session_factory: Factory,
    ) -> None:
        await sync_templates(UnitOfWork(session_factory), load_chains())
        card_id = await posted_by(session_factory, AUTHOR)
        await take_and_open(manager, card_id)
        preview = manager.last_message
        assert "Кому: Ольга · Telegram: ✓ · e-mail: hr@client.example" in preview.text
        assert "сообщение в Telegram" in preview.text
        await manager.press("✏ Изменить текст")
        await manager.send("Здравствуйте, Ольга! Есть два Python senior, свободны с понедельника.")
        assert "свободны с понедельника" in manager.last_message.text
        await manager.press("✅ Запустить")
        assert manager.last_message.text.startswith("Цепочка запущена")

        chain = Chain(tg, session_factory, smtp)
        await chain.step()
        assert chain.client.sent == [
            (AUTHOR, "Здравствуйте, Ольга! Есть два Python senior, свободны с понедельника.")]
        await chain.step()  # no reply for 24 working hours: the e-mail
        assert len(smtp.messages) == 1
        mail = smtp.messages[0]
        assert (mail["To"], mail["Reply-To"]) == ("hr@client.example", "sales@radar.example")
        subject = str(make_header(decode_header(mail["Subject"])))
        # Nobody on the bench fits, so the e-mail is the one that names no candidates.
        assert subject == "Запрос «Senior Python»"
        await chain.step()  # 24 more hours: the owner's task, with the text to use
        assert manager.last_message.text.startswith("📋 Нет ответа по «Senior Python»")
        async with session_factory() as session:
            assert await session.scalar(sa.select(sa.func.count()).select_from(Task)
                                        .where(Task.origin == "outreach")) == 1
        assert await run_status(session_factory) == [("done", None)]
        assert len(chain.client.sent) == 1 and len(smtp.messages) == 1
        await manager.send(f"/req {card_id}")
        history = manager.last_message.text
        for line in ("цепочка: сообщение в Telegram, сделано", "цепочка: письмо, сделано",
                     "цепочка: задача ответственному, сделано"):
            assert line in history, history

        await manager.send("/outreach")
        report = manager.last_message.text
        assert "Шаблоны" in report and "mail_plain_ru (письмо, ru): 1 · 0 · 0%" in report

    async def test_a_reply_stops_the_chain_and_reaches_the_owner(
        self, tg: TelegramHarness, manager: ChatUser, smtp: SmtpServer, session_factory: Factory,
    ) -> None:
        chain = await started(tg, manager, session_factory, smtp)
        sent_at = await chain.step()
        await incoming(chain.client, AUTHOR, "Да, пришлите резюме", sent_at + timedelta(minutes=7))
        await chain.deliver()
        push = manager.last_message.text
        assert push.startswith("💬 Ответ по «Senior Python» через 7 минут")
        assert "Да, пришлите резюме" in push
        assert await run_status(session_factory) == [("replied", "reply")]
        async with session_factory() as session:
            left = await session.scalar(sa.select(sa.func.count()).select_from(OutreachStep)
                                        .where(OutreachStep.status == "pending"))
        assert left == 0 and smtp.messages == []

    async def test_opt_out_stops_every_chain_for_good(
        self, tg: TelegramHarness, manager: ChatUser, smtp: SmtpServer, session_factory: Factory,
    ) -> None:
        chain = await started(tg, manager, session_factory, smtp)
        sent_at = await chain.step()
        await incoming(chain.client, AUTHOR, "Не пишите мне", sent_at + timedelta(minutes=1))
        await chain.deliver()
        assert "попросил не писать" in manager.last_message.text
        # The same person by e-mail alone, in a request posted by a channel: no chain.
        other = await posted_by(session_factory, -100_555, "QA нужен, hr@client.example",
                                username="qajobs")
        await take_and_open(manager, other)
        assert manager.last_message.text.startswith("Этот человек просил ему не писать")
        assert "✅ Запустить" not in manager.last_message.buttons
        assert chain.client.sent[1:] == []

    async def test_stop_button_ends_a_running_chain(
        self, tg: TelegramHarness, manager: ChatUser, smtp: SmtpServer, session_factory: Factory,
    ) -> None:
        chain = await started(tg, manager, session_factory, smtp)
        await manager.press("⏹ Остановить цепочку")
        assert manager.last_alert == "Цепочка остановлена"
        assert await run_status(session_factory) == [("stopped", "manager")]
        assert await chain.worker.drain(UnitOfWork(session_factory)) == 0
        assert chain.client.sent == []


class TestTemplatesForAdmins:
    async def test_an_unknown_variable_is_refused_when_saved_and_retire_stops_a_template(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser, session_factory: Factory,
    ) -> None:
        await sync_templates(UnitOfWork(session_factory), load_chains())
        await manager.send("/outreach")
        assert not any(b.startswith("✏") for b in manager.last_message.buttons)
        await admin.send("/outreach")
        await admin.press("✏ dm_short_ru")
        await admin.send("Здравствуйте, {name}! Бюджет {budget} подходит?")
        assert admin.last_message.text == "В шаблоне неизвестная переменная."
        await admin.send("Здравствуйте, {name}! По «{title}» есть люди: {stack}.")
        assert admin.messages[-2].text == "Шаблон сохранён."
        await admin.press("Снять «dm_plain_ru»")
        await admin.press("Снять «dm_bench_ru»")
        assert admin.last_alert == "Шаблон больше не отправляется"
        assert "dm_bench_ru (сообщение в Telegram, ru): 0 · 0 · 0% [3%–98%] · 0% · снят" \
            in admin.last_message.text

        # The manager's next preview can only be the edited template, the other being retired.
        card_id = await posted_by(session_factory, AUTHOR)
        await take_and_open(manager, card_id)
        assert "По «Senior Python» есть люди: Python." in manager.last_message.text
