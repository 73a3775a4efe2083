"""A stage change stops the card's running chain in the move's own transaction."""

from __future__ import annotations

from datetime import timedelta

from crm import pipeline
from crm.outreach_replies import record_private_message
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


class TestStageChangeStopsChain:
    async def test_moving_the_card_stops_the_chain_before_its_next_step(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        run = await started(uow, session_factory, people.manager)
        card_id = run.request_id or 0
        work = worker(FakeDmSender())
        assert await work.drain(uow, TUESDAY_NOON) == 1  # the DM; the e-mail waits
        await pipeline.move(uow, people.manager, card_id, "proposed")
        row = await run_row(session_factory, run.id)
        assert (row.status, row.stop_reason) == ("stopped", "stage_changed")
        assert [s.status for s in await steps(session_factory, run.id)] == ["done", "cancelled"]
        stops = [a for a in await history(session_factory, card_id)
                 if a.kind == "outreach_stopped"]
        assert [(a.user_id, a.payload["reason"], a.payload["stage"]) for a in stops] == [
            (people.manager.id, "stage_changed", "proposed")]
        # The e-mail never goes, however late the worker looks.
        assert await work.drain(uow, TUESDAY_NOON + timedelta(days=10)) == 0
        assert [n.channel for n in await notices(session_factory)] == []

    async def test_lost_stops_a_chain_whose_first_message_is_still_waiting(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await card_by(session_factory, people.manager)
        run = await start(uow, people.manager, card_id)
        await pipeline.move(uow, people.manager, card_id, "lost", "budget")
        assert (await run_row(session_factory, run.id)).status == "stopped"
        dm = FakeDmSender()
        assert await worker(dm).drain(uow, TUESDAY_NOON) == 0
        assert dm.sent == []

    async def test_a_chain_already_answered_keeps_its_outcome(
        self, uow: UnitOfWork, session_factory: Factory, people: People
    ) -> None:
        card_id = await card_by(session_factory, people.manager)
        run = await start(uow, people.manager, card_id)
        await worker(FakeDmSender()).drain(uow, TUESDAY_NOON)
        await record_private_message(uow, AUTHOR, "Да, интересно", TUESDAY_NOON,
                                     timedelta(days=30))
        await pipeline.move(uow, people.manager, card_id, "proposed")
        row = await run_row(session_factory, run.id)
        assert (row.status, row.stop_reason) == ("replied", "reply")
        assert not [a for a in await history(session_factory, card_id)
                    if a.kind == "outreach_stopped"]
