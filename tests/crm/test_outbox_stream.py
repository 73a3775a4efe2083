"""The streaming delivery worker's outbox: a chat with a send in flight is left out of claims
(it would only wait in a slot or be sent back), a free slot is refilled while a slow send is
still out, and every outcome is recorded once, under its own claim's stamp."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm.outbox import DeliveryPolicy, SendOutcome, SendResult
from crm.outbox_claim import claim, next_due_in
from crm.outbox_stream import RECORD_DELAY_SECONDS, DeliveryStream
from db.models import Notification
from db.records.outbox import DueDelivery
from db.uow import UnitOfWork
from tests.crm.conftest import People

Factory = async_sessionmaker[AsyncSession]
LEASE = timedelta(seconds=40)


async def _stage(session_factory: Factory, user_id: int, count: int, channel: str = "telegram",
                 due: datetime | None = None) -> list[int]:
    async with session_factory() as session:
        ids: list[int] = []
        for _ in range(count):
            row = Notification(kind="reminder", dedup_key=f"t:{user_id}:{channel}:{len(ids)}:"
                               f"{datetime.now(UTC).timestamp()}", user_id=user_id,
                               channel=channel, payload={},
                               next_attempt_at=due or datetime.now(UTC))
            session.add(row)
            await session.flush()
            ids.append(row.id)
        await session.commit()
    return ids


async def _statuses(session_factory: Factory) -> dict[int, tuple[str, datetime | None]]:
    async with session_factory() as session:
        rows = await session.execute(sa.select(Notification.id, Notification.status,
                                               Notification.sending_since))
        return {r[0]: (r[1], r[2]) for r in rows.all()}


async def test_a_chat_with_a_send_in_flight_is_left_out_until_its_outcome_is_recorded(
    session_factory: Factory, people: People,
) -> None:
    pushes = await _stage(session_factory, people.manager.id, 2)
    [mail] = await _stage(session_factory, people.manager.id, 1, channel="email")
    [other] = await _stage(session_factory, people.colleague.id, 1)
    first = await claim(UnitOfWork(session_factory), datetime.now(UTC), LEASE, 10)
    # One per user and channel: the manager's e-mail goes beside its push, not after it.
    assert sorted(note.id for note, _ in first) == sorted([pushes[0], mail, other])
    # The second push's chat has a send out: claiming it would only make it wait.
    assert await claim(UnitOfWork(session_factory), datetime.now(UTC), LEASE, 10) == []
    # A stamp whose lease ran out (its worker died) holds nothing back: the chat's rows are
    # due again, the one due first (the second push) first.
    later = datetime.now(UTC) + LEASE + timedelta(seconds=1)
    again = await claim(UnitOfWork(session_factory), later, LEASE, 10)
    assert pushes[1] in {note.id for note, _ in again}


async def test_a_free_slot_is_refilled_while_a_slow_send_is_still_out(
    session_factory: Factory, people: People,
) -> None:
    [slow] = await _stage(session_factory, people.manager.id, 1)
    quick = [await _stage(session_factory, u.id, 1) for u in
             (people.colleague, people.other, people.lead, people.admin)]
    release = asyncio.Event()
    order: list[int] = []

    async def send(due: DueDelivery) -> SendResult:
        if due.notification.id == slow:
            await release.wait()
        order.append(due.notification.id)
        return SendResult(SendOutcome.SENT)

    stream = DeliveryStream(session_factory, send, DeliveryPolicy(), slots=2)
    assert await stream.fill() == 2  # the slow one and the first quick one
    for _ in range(3):  # each quick send frees its slot; the next claim fills it at once
        await stream.wait(None, 5.0)
        assert await stream.fill() == 1
    await stream.wait(None, 5.0)
    assert order == [ids[0] for ids in quick]  # none of them waited for the slow send
    await asyncio.sleep(RECORD_DELAY_SECONDS)  # outcomes in are recorded within this
    await stream.fill()
    found = await _statuses(session_factory)
    assert [found[ids[0]][0] for ids in quick[:3]] == ["sent"] * 3
    assert found[slow] == ("pending", found[slow][1]) and found[slow][1] is not None
    release.set()
    await stream.finish()
    found = await _statuses(session_factory)
    assert {status for status, _ in found.values()} == {"sent"}
    assert {since for _, since in found.values()} == {None}


async def test_an_idle_worker_sleeps_until_the_earliest_row_not_in_flight_comes_due(
    session_factory: Factory, people: People,
) -> None:
    assert await next_due_in(UnitOfWork(session_factory), datetime.now(UTC)) is None
    soon = datetime.now(UTC) + timedelta(seconds=3)
    await _stage(session_factory, people.manager.id, 1, due=soon)
    await _stage(session_factory, people.colleague.id, 1)
    await claim(UnitOfWork(session_factory), datetime.now(UTC), LEASE, 10)  # its lease: 40 s
    left = await next_due_in(UnitOfWork(session_factory), datetime.now(UTC))
    assert left is not None and 2.0 < left <= 3.0
