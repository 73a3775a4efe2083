"""A chain's e-mail that bounces is written into the chain, which falls back to the owner's
task at once: through the real outbox, EmailSender and SmtpMailer against aiosmtpd."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from bot.delivery.senders import EmailSender
from bot.i18n import Translator
from crm import outbox, outreach
from crm.mail import SmtpMailer
from crm.outbox import SendOutcome, SendResult
from db.models import Notification, Task
from db.records.outbox import DueDelivery
from db.uow import UnitOfWork
from tests.crm.conftest import People
from tests.crm.outreach_support import (
    TUESDAY_NOON,
    Factory,
    card_by,
    history,
    run_row,
    start,
    steps,
    worker,
)
from tests.fakes.outreach import FakeDmSender
from tests.support.smtp import SmtpServer

ADDRESS = "hr@client.example"


async def _email_staged(uow: UnitOfWork, session_factory: Factory, people: People) -> int:
    """A chain whose DM went unanswered and whose e-mail is now in the outbox."""
    card_id = await card_by(session_factory, people.manager)
    run = await start(uow, people.manager, card_id, text="Здравствуйте! Есть люди.")
    work = worker(FakeDmSender())
    await work.drain(uow, TUESDAY_NOON)
    email_due = (await steps(session_factory, run.id))[1].due_at
    assert await work.drain(uow, email_due) == 1
    return run.id


async def _mail_rows(session_factory: Factory) -> list[Notification]:
    async with session_factory() as session:
        return list(await session.scalars(sa.select(Notification).where(
            Notification.kind == "followup", Notification.channel == "email")))


class TestBouncedEmail:
    async def test_a_refused_address_fails_the_step_and_makes_the_owners_task_now(
        self, uow: UnitOfWork, session_factory: Factory, people: People, smtp: SmtpServer
    ) -> None:
        run_id = await _email_staged(uow, session_factory, people)
        smtp.refused.add(ADDRESS)
        sender = EmailSender(SmtpMailer("127.0.0.1", smtp.port, "radar@example.com"),
                             Translator("en"))
        before = datetime.now(UTC)
        assert await outbox.deliver_next(uow, sender) is not None
        [row] = await _mail_rows(session_factory)
        assert row.status == "dead" and row.attempts == 1  # no retry can deliver a 550
        assert row.last_error is not None and "550" in row.last_error
        email, task = (await steps(session_factory, run_id))[1:]
        assert (email.status, task.status) == ("failed", "pending")
        assert email.error is not None and email.error.startswith("bounced: refused: 550")
        # The 24 hours meant for an answer are not waited out: the task is due now.
        assert before <= task.due_at <= datetime.now(UTC)
        run = await run_row(session_factory, run_id)
        logged = [(a.payload.get("kind"), a.payload.get("status"))
                  for a in await history(session_factory, run.request_id or 0)
                  if a.kind == "outreach_step"]
        assert logged[-1] == ("email", "bounced")
        assert await worker(FakeDmSender()).drain(uow, datetime.now(UTC)) == 1
        async with session_factory() as session:
            tasks = list(await session.scalars(sa.select(Task)))
        assert [(t.assignee_id, t.origin) for t in tasks] == [(people.manager.id, "outreach")]
        assert (await run_row(session_factory, run_id)).status == "done"
        assert smtp.messages == []

    async def test_a_dead_letter_after_the_retries_falls_back_too(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        run_id = await _email_staged(uow, session_factory, people)
        calls = 0

        async def refusing(due: DueDelivery) -> SendResult:
            nonlocal calls
            calls += 1
            return SendResult(SendOutcome.FAILED, error="relay denied")

        for _ in range(outbox.MAX_ATTEMPTS):
            async with session_factory() as session:  # the back-off, skipped
                await session.execute(sa.update(Notification).values(
                    next_attempt_at=datetime.now(UTC) - timedelta(seconds=1)))
                await session.commit()
            await outbox.deliver_next(uow, refusing)
        assert calls == outbox.MAX_ATTEMPTS
        assert [r.status for r in await _mail_rows(session_factory)] == ["dead"]
        email, task = (await steps(session_factory, run_id))[1:]
        assert email.status == "failed" and task.due_at <= datetime.now(UTC)

    async def test_a_bounce_after_the_chain_stopped_is_recorded_but_starts_nothing(
        self, uow: UnitOfWork, session_factory: Factory, people: People, smtp: SmtpServer
    ) -> None:
        run_id = await _email_staged(uow, session_factory, people)
        card_id = (await run_row(session_factory, run_id)).request_id or 0
        await outreach.stop(uow, people.manager, run_id)
        smtp.refused.add(ADDRESS)
        sender = EmailSender(SmtpMailer("127.0.0.1", smtp.port, "radar@example.com"),
                             Translator("en"))
        await outbox.deliver_next(uow, sender)
        email, task = (await steps(session_factory, run_id))[1:]
        assert (email.status, task.status) == ("failed", "cancelled")
        assert await worker(FakeDmSender()).drain(uow, datetime.now(UTC)) == 0
        logged = [a.payload.get("status") for a in await history(session_factory, card_id)
                  if a.kind == "outreach_step"]
        assert logged[-1] == "bounced"
