"""Follow-up chains through the crm use cases and the worker, on the real database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from crm import outreach
from crm.errors import CrmInputError
from crm.outreach_replies import record_private_message
from crm.outreach_sender import DmOutcome, DmResult
from db.models import OutreachTemplateStat, Task
from db.uow import UnitOfWork
from tests.crm.conftest import People
from tests.crm.outreach_support import (
    AUTHOR,
    TUESDAY_NOON,
    Factory,
    card_by,
    history,
    notices,
    run_row,
    start,
    started,
    steps,
    worker,
)
from tests.fakes.outreach import FakeDmSender

WINDOW = timedelta(days=30)


class TestChainWalk:
    async def test_dm_then_email_after_working_hours_then_owner_task(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await card_by(session_factory, people.manager)
        run = await start(uow, people.manager, card_id, text="Здравствуйте! Есть люди.")
        dm = FakeDmSender()
        work = worker(dm)
        assert await work.drain(uow, TUESDAY_NOON) == 1
        assert dm.sent == [(AUTHOR, "Здравствуйте! Есть люди.")]
        email_step = (await steps(session_factory, run.id))[1]
        # 24 working hours from Tuesday 12:00 Moscow (7 + 9 + 8, 10:00-19:00) is Thursday 18:00.
        assert email_step.kind == "email"
        assert email_step.due_at == TUESDAY_NOON + timedelta(days=2, hours=6)
        assert await work.drain(uow, email_step.due_at - timedelta(minutes=1)) == 0
        assert await work.drain(uow, email_step.due_at) == 1
        mail = [n for n in await notices(session_factory) if n.channel == "email"]
        assert [n.payload["to"] for n in mail] == ["hr@client.example"]
        task_step = (await steps(session_factory, run.id))[2]
        assert task_step.due_at == email_step.due_at + timedelta(hours=24)
        assert await work.drain(uow, task_step.due_at) == 1
        async with session_factory() as session:
            tasks = list(await session.scalars(sa.select(Task)))
        assert [(t.assignee_id, t.origin, t.request_id) for t in tasks] == [
            (people.manager.id, "outreach", card_id)]
        assert (await run_row(session_factory, run.id)).status == "done"
        events = [n.payload["event"] for n in await notices(session_factory)]
        assert events == ["email", "task"]
        logged = [(a.kind, a.payload.get("kind")) for a in await history(session_factory,
                                                                          card_id)]
        assert logged == [("outreach_started", None), ("outreach_step", "telegram"),
                          ("outreach_step", "email"), ("outreach_step", "task")]
        # Nothing is left to do, however often the worker looks.
        assert await work.drain(uow, task_step.due_at + timedelta(days=30)) == 0
        assert len(dm.sent) == 1

    async def test_quiet_hours_wait_for_the_recipients_morning(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await card_by(session_factory, people.manager)
        run = await start(uow, people.manager, card_id)
        dm = FakeDmSender()
        saturday = TUESDAY_NOON + timedelta(days=4)
        async with session_factory() as session:
            await session.execute(sa.text("UPDATE outreach_steps SET due_at = :t"),
                                  {"t": saturday})
            await session.commit()
        assert await worker(dm).drain(uow, saturday) == 1
        assert dm.sent == []
        step = (await steps(session_factory, run.id))[0]
        assert step.status == "pending"
        assert step.due_at == TUESDAY_NOON + timedelta(days=6, hours=-2)  # Monday 10:00 MSK

    async def test_channel_author_skips_to_email_at_once(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        run = await started(uow, session_factory, people.manager, author_id=-1001234)
        dm = FakeDmSender()
        assert await worker(dm).drain(uow, TUESDAY_NOON) == 2
        assert dm.sent == []
        first, second = (await steps(session_factory, run.id))[:2]
        assert (first.status, first.error) == ("skipped", "no_person")
        assert (second.kind, second.status) == ("email", "done")
        # The e-mail is the first message, so it carries the text the manager confirmed.
        [mail] = [n for n in await notices(session_factory) if n.channel == "email"]
        assert mail.payload["text"] == run.first_text and second.template_id is None

    async def test_a_worker_without_a_userbot_skips_a_channels_dm_but_leaves_a_persons(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        # The demo's (and any userbot-less) worker: nobody to write to needs no userbot.
        channel = await started(uow, session_factory, people.manager, author_id=-1001234)
        assert await worker(None).drain(uow, TUESDAY_NOON) == 2
        first, second = (await steps(session_factory, channel.id))[:2]
        assert (first.status, first.error) == ("skipped", "no_person")
        assert (second.kind, second.status) == ("email", "done")
        person = await started(uow, session_factory, people.manager, author_id=AUTHOR + 1,
                               text="Ищем Go-разработчика, пишите в личку", message_id=2)
        assert await worker(None).drain(uow, TUESDAY_NOON) == 0
        [dm, *_] = await steps(session_factory, person.id)
        assert (dm.kind, dm.status) == ("telegram", "pending")

    async def test_privacy_error_is_recorded_and_falls_back(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        run = await started(uow, session_factory, people.manager)
        dm = FakeDmSender()
        dm.script[AUTHOR] = DmResult(DmOutcome.UNREACHABLE, error="UserPrivacyRestrictedError")
        await worker(dm).drain(uow, TUESDAY_NOON)
        first, second = (await steps(session_factory, run.id))[:2]
        assert (first.status, first.error) == ("failed", "UserPrivacyRestrictedError")
        assert second.status == "done" and second.kind == "email"

    async def test_stage_change_stops_the_chain(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await card_by(session_factory, people.manager)
        run = await start(uow, people.manager, card_id)
        async with session_factory() as session:
            await session.execute(sa.text("UPDATE request_cards SET stage = 'proposed'"))
            await session.commit()
        dm = FakeDmSender()
        await worker(dm).drain(uow, TUESDAY_NOON)
        assert dm.sent == []
        row = await run_row(session_factory, run.id)
        assert (row.status, row.stop_reason) == ("stopped", "stage_changed")

    async def test_manager_stop_cancels_what_is_pending(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await card_by(session_factory, people.manager)
        run = await start(uow, people.manager, card_id)
        stopped = await outreach.stop(uow, people.manager, run.id)
        assert (stopped.status, stopped.stop_reason) == ("stopped", "manager")
        dm = FakeDmSender()
        assert await worker(dm).drain(uow, TUESDAY_NOON) == 0
        assert dm.sent == []
        assert [s.status for s in await steps(session_factory, run.id)] == ["cancelled"]


class TestReplies:
    async def test_a_reply_stops_the_chain_and_reaches_the_owner(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await card_by(session_factory, people.manager)
        run = await start(uow, people.manager, card_id)
        await worker(FakeDmSender()).drain(uow, TUESDAY_NOON)
        answered_at = TUESDAY_NOON + timedelta(minutes=42)
        seen = await record_private_message(uow, AUTHOR, "Да, интересно, пришлите CV",
                                            answered_at, WINDOW)
        assert seen.run is not None and seen.run.id == run.id and not seen.opted_out
        row = await run_row(session_factory, run.id)
        assert (row.status, row.reply_text) == ("replied", "Да, интересно, пришлите CV")
        assert [s.status for s in await steps(session_factory, run.id)] == ["done", "cancelled"]
        reply = [n for n in await notices(session_factory) if n.payload["event"] == "reply"]
        assert [(n.user_id, n.payload["text"], n.payload["seconds"]) for n in reply] == [
            (people.manager.id, "Да, интересно, пришлите CV", 42 * 60)]
        async with session_factory() as session:
            counted = (await session.execute(sa.select(
                OutreachTemplateStat.sends, OutreachTemplateStat.replies))).all()
        assert [tuple(c) for c in counted] == [(1, 1)]
        logged = await history(session_factory, card_id)
        assert logged[-1].kind == "outreach_reply" and logged[-1].client_id == row.client_id

    async def test_a_message_from_a_stranger_touches_nothing(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        seen = await record_private_message(uow, 999, "привет", TUESDAY_NOON, WINDOW)
        assert (seen.run, seen.opted_out) == (None, False)
        assert await notices(session_factory) == []

    async def test_opt_out_stops_every_chain_for_good(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await card_by(session_factory, people.manager)
        run = await start(uow, people.manager, card_id)
        await worker(FakeDmSender()).drain(uow, TUESDAY_NOON)
        seen = await record_private_message(uow, AUTHOR, "Не пишите мне больше",
                                            TUESDAY_NOON + timedelta(hours=1), WINDOW)
        assert seen.opted_out
        assert (await run_row(session_factory, run.id)).status == "replied"
        # The same person found by e-mail in another request: refused.
        other = await card_by(session_factory, people.manager, author_id=-100777,
                              text="Ищем QA, hr@client.example", message_id=2)
        with pytest.raises(CrmInputError) as refused:
            await start(uow, people.manager, other)
        assert refused.value.code == "outreach_opted_out"
        again = await card_by(session_factory, people.manager, message_id=3)
        with pytest.raises(CrmInputError):
            await start(uow, people.manager, again)

    async def test_opt_out_phrases_and_their_limits(self) -> None:
        from crm.outreach_replies import is_opt_out

        for text in ("STOP", "unsubscribe please", "не пишите", "Не беспокойте", "remove me"):
            assert is_opt_out(text), text
        for text in ("Стоп-кран проекта сорван, давайте созвонимся", "Интересно", "stopwatch"):
            assert not is_opt_out(text), text


class TestSafeSending:
    async def test_never_two_chains_to_one_person(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        first = await card_by(session_factory, people.manager)
        second = await card_by(session_factory, people.manager, message_id=2)
        await start(uow, people.manager, first)
        with pytest.raises(CrmInputError) as refused:
            await start(uow, people.manager, second)
        assert refused.value.code == "outreach_busy"

    async def test_hourly_cap_and_pacing_hold_first_messages(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        for n in range(3):
            card_id = await card_by(session_factory, people.manager, author_id=AUTHOR + n,
                                    message_id=n + 1, text=f"Ищем тестировщика №{n}")
            await start(uow, people.manager, card_id)
        dm = FakeDmSender()
        await worker(dm, first_messages_per_hour=2, pacing_seconds=60).drain(uow, TUESDAY_NOON)
        assert len(dm.sent) == 1  # pacing: the second waits a minute
        await worker(dm, first_messages_per_hour=2, pacing_seconds=60).drain(
            uow, TUESDAY_NOON + timedelta(minutes=2))
        assert len(dm.sent) == 2
        await worker(dm, first_messages_per_hour=2, pacing_seconds=60).drain(
            uow, TUESDAY_NOON + timedelta(minutes=4))
        assert len(dm.sent) == 2  # the hourly cap

    async def test_peer_flood_pauses_the_account_and_tells_admins(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        run = await started(uow, session_factory, people.manager)
        dm = FakeDmSender()
        dm.script[AUTHOR] = DmResult(DmOutcome.PEER_FLOOD, error="PeerFloodError")
        await worker(dm).drain(uow, TUESDAY_NOON)
        step = (await steps(session_factory, run.id))[0]
        assert step.status == "pending" and step.due_at > TUESDAY_NOON + timedelta(hours=23)
        paused = [n for n in await notices(session_factory) if n.payload["event"] == "paused"]
        assert [(n.user_id, n.payload["account"]) for n in paused] == [(people.admin.id, "main")]
        # Another chain's DM waits for the pause too.
        other = await card_by(session_factory, people.manager, author_id=AUTHOR + 1,
                              message_id=2, text="Ищем аналитика")
        await start(uow, people.manager, other)
        await worker(dm).drain(uow, TUESDAY_NOON + timedelta(hours=1))
        assert dm.sent == []


class TestExactlyOnce:
    async def test_two_workers_send_each_dm_once(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        import asyncio

        for n in range(6):
            card_id = await card_by(session_factory, people.manager, author_id=AUTHOR + n,
                                    message_id=n + 1, text=f"Ищем тестировщика №{n}")
            await start(uow, people.manager, card_id)
        dm = FakeDmSender()
        workers = [worker(dm, first_messages_per_hour=4) for _ in range(3)]

        async def together(now: datetime) -> None:
            await asyncio.gather(*(w.drain(UnitOfWork(session_factory), now) for w in workers))

        await together(TUESDAY_NOON)
        # The account's hourly cap holds across workers, and no one is written to twice.
        assert len(dm.sent) == 4 and len({tg for tg, _ in dm.sent}) == 4
        await together(TUESDAY_NOON + timedelta(minutes=61))
        assert sorted(tg for tg, _ in dm.sent) == [AUTHOR + n for n in range(6)]

    async def test_a_send_that_never_recorded_is_taken_as_sent_not_repeated(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await card_by(session_factory, people.manager)
        run = await start(uow, people.manager, card_id)
        # What a worker killed mid-send leaves: the claim's stamp, due again after the lease.
        async with session_factory() as session:
            await session.execute(sa.text(
                "UPDATE outreach_steps SET sending_since = :t, due_at = :t"), {"t": TUESDAY_NOON})
            await session.commit()
        dm = FakeDmSender()
        await worker(dm).drain(uow, TUESDAY_NOON + timedelta(minutes=5))
        assert dm.sent == []
        first = (await steps(session_factory, run.id))[0]
        assert (first.status, first.unconfirmed) == ("done", True)
