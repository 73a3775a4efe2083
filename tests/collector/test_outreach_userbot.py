"""The userbot's side of follow-up chains: real Telethon errors and updates, a client that
never connects, and crm's records of what happened."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telethon import errors

from collector.inbox import ReplyRecorder
from collector.telethon_outreach import TelethonDmSender, subscribe_private
from crm.outreach_sender import DmOutcome
from crm.outreach_settings import OutreachSettings
from crm.outreach_worker import OutreachWorker
from db.uow import UnitOfWork
from tests.crm import factories
from tests.crm.outreach_support import (
    AUTHOR,
    TUESDAY_NOON,
    book,
    card_by,
    notices,
    run_row,
    start,
)
from tests.fakes.telethon import RecordingClient, incoming

Factory = async_sessionmaker[AsyncSession]


def at(minutes: int) -> datetime:
    return TUESDAY_NOON + timedelta(minutes=minutes)


class TestDmSender:
    @pytest.mark.parametrize(("error", "outcome"), [
        (errors.UserPrivacyRestrictedError(request=None), DmOutcome.UNREACHABLE),
        (errors.UserIsBlockedError(request=None), DmOutcome.UNREACHABLE),
        (errors.PeerFloodError(request=None), DmOutcome.PEER_FLOOD),
        (errors.FloodWaitError(request=None, capture=300), DmOutcome.FLOOD_WAIT),
        (ValueError("Could not find the input entity"), DmOutcome.UNREACHABLE),
        (ConnectionError("no network"), DmOutcome.TRANSIENT),
    ])
    async def test_telegram_errors_in_crms_words(self, error: Exception,
                                                 outcome: DmOutcome) -> None:
        client = RecordingClient()
        client.fail_with = error
        result = await TelethonDmSender(client, "main").send(AUTHOR, "Здравствуйте")
        assert result.outcome is outcome
        if outcome is DmOutcome.FLOOD_WAIT:
            assert result.seconds == 300

    async def test_a_sent_dm_goes_to_the_author(self) -> None:
        client = RecordingClient()
        result = await TelethonDmSender(client, "main").send(AUTHOR, "Здравствуйте")
        assert result.outcome is DmOutcome.SENT and client.sent == [(AUTHOR, "Здравствуйте")]


class TestRepliesThroughTheUserbot:
    async def test_dm_then_reply_stops_the_chain_and_tells_the_owner(
        self, session_factory: Factory, uow: UnitOfWork
    ) -> None:
        team = await factories.team(session_factory, "A")
        manager = await factories.user(uow, 101, "manager", team)
        card_id = await card_by(session_factory, manager)
        run = await start(uow, manager, card_id, text="Здравствуйте, есть Python senior")
        client = RecordingClient()
        worker = OutreachWorker(book(), worker_settings(), TelethonDmSender(client, "main"))
        await worker.drain(uow, TUESDAY_NOON)
        assert client.sent == [(AUTHOR, "Здравствуйте, есть Python senior")]

        recorder = ReplyRecorder(session_factory, timedelta(days=30))
        subscribe_private(client, recorder)
        await incoming(client, AUTHOR, "Мы уже нашли", at(5), out=True)  # our own: not a reply
        await incoming(client, 777, "Привет", at(5))  # someone no chain wrote to
        await incoming(client, AUTHOR, "Да, пришлите резюме", at(30))
        row = await run_row(session_factory, run.id)
        assert (row.status, row.reply_text) == ("replied", "Да, пришлите резюме")
        reply = [n for n in await notices(session_factory) if n.payload["event"] == "reply"]
        assert [(n.user_id, n.payload["text"], n.payload["seconds"]) for n in reply] == [
            (manager.id, "Да, пришлите резюме", 30 * 60)]
        assert [s.run is not None for s in recorder.seen] == [False, True]

    async def test_opt_out_through_the_userbot_stops_the_chain_for_good(
        self, session_factory: Factory, uow: UnitOfWork
    ) -> None:
        team = await factories.team(session_factory, "A")
        manager = await factories.user(uow, 101, "manager", team)
        run = await start(uow, manager, await card_by(session_factory, manager))
        client = RecordingClient()
        recorder = ReplyRecorder(session_factory, timedelta(days=30))
        subscribe_private(client, recorder)
        await incoming(client, AUTHOR, "stop", at(5))  # before any DM: no reply, still an opt-out
        row = await run_row(session_factory, run.id)
        assert (row.status, row.stop_reason) == ("stopped", "opt_out")
        worker = OutreachWorker(book(), worker_settings(), TelethonDmSender(client, "main"))
        await worker.drain(uow, TUESDAY_NOON)
        assert client.sent == []


def worker_settings() -> OutreachSettings:
    return OutreachSettings(pacing_seconds=0)
