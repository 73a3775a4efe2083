"""Delivering the outbox as a stream: a delivery worker keeps up to `slots` sends in flight and
claims more as they finish, instead of sending a batch and waiting for all of it.

With batches (crm.outbox.deliver_due) the next claim waited for the batch's slowest send — the
last of twenty turns at the pacer, or a chat's second — so a row that came due just after a
claim first waited for all of those (the peak hour's p95 tail: ~1 s from due to claim). Here a
row waits for a free slot only. Claims still take several rows when several slots are free
(a claim is a transaction: one per push would cost more than the push), and outcomes that are
in when the worker looks are recorded together.

The guarantees are deliver_due's: each claim stamps its rows and commits before any send, no
transaction is open during a send, and an outcome is recorded only under its claim's stamp.
An outcome that could not be recorded (the database is away) is kept and recorded on the next
pass; a worker stopped mid-send leaves its rows stamped for their lease to run out.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm.outbox import (
    DELIVERY_BATCH,
    DeliveryPolicy,
    Outcome,
    Sender,
    SendResult,
    guarded_send,
    record,
)
from crm.outbox_claim import claim, next_due_in
from db.records.outbox import NotificationRecord
from db.uow import UnitOfWork

# Sends one worker keeps in flight: the pacer lets ~25 a second out, so 20 per worker keep it
# busy between claims, and the last of them waits at most a second or two for its turn.
DELIVERY_SLOTS = DELIVERY_BATCH
# Claim only once this many slots are free (or none is busy): each claim is a transaction.
REFILL_AT = 4
# Outcomes are recorded together once this many are in, or the first has waited this long.
# The wait costs no push anything: a chat's next row is claimed once its outcome is recorded,
# and its next second is a second away anyway; one transaction per push cost ~2 ms of CPU.
RECORD_GROUP = 8
RECORD_DELAY_SECONDS = 0.3
log = logging.getLogger(__name__)
Running = dict["asyncio.Task[SendResult]", tuple[NotificationRecord, datetime]]


class DeliveryStream:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], send: Sender,
        policy: DeliveryPolicy, slots: int = DELIVERY_SLOTS,
    ) -> None:
        self._factory, self._send, self._policy, self._slots = (
            session_factory, send, policy, slots)
        self._running: Running = {}
        self._finished: list[Outcome] = []
        self._finished_since = 0.0  # the event loop's time of the first outcome not recorded

    @property
    def busy(self) -> bool:
        return bool(self._running or self._finished)

    async def fill(self) -> int:
        """Records what has finished, then claims rows for the free slots and starts their
        sends; returns how many rows it claimed (cancelled ones included)."""
        await self._record()
        free = self._slots - len(self._running)
        if free <= 0 or (self._running and free < min(REFILL_AT, max(1, self._slots // 2))):
            return 0
        claimed_at = datetime.now(UTC)
        claimed = await claim(UnitOfWork(self._factory), claimed_at, self._policy.lease, free)
        for note, due in claimed:
            if due is not None:
                task = asyncio.create_task(guarded_send(self._send, due, self._policy),
                                           name=f"send-{note.id}")
                self._running[task] = (note, claimed_at)
        return len(claimed)

    async def next_due_in(self) -> float | None:
        """Seconds until a row not in flight comes due (None: none waits)."""
        return await next_due_in(UnitOfWork(self._factory), datetime.now(UTC))

    async def wait(self, wake: asyncio.Future[object] | None, timeout: float) -> None:
        """Until a send finishes, `wake` is done, `timeout` passes or outcomes are due to be
        recorded."""
        if self._finished:
            timeout = max(min(timeout, self._record_in()), 0.0)
        waiting: set[asyncio.Future[object]] = set(self._running)  # type: ignore[arg-type]
        if wake is not None:
            waiting.add(wake)
        if not waiting:
            await asyncio.sleep(timeout)
            return
        await asyncio.wait(waiting, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        for task in [t for t in self._running if t.done()]:
            note, claimed_at = self._running.pop(task)
            if not self._finished:
                self._finished_since = asyncio.get_running_loop().time()
            self._finished.append((note, claimed_at, task.result()))

    def _record_in(self) -> float:
        waited = asyncio.get_running_loop().time() - self._finished_since
        return RECORD_DELAY_SECONDS - waited

    async def _record(self, now: bool = False) -> None:
        if not self._finished:
            return
        if now or not self._running or len(self._finished) >= RECORD_GROUP or (
                self._record_in() <= 0):
            await record(UnitOfWork(self._factory), self._finished, self._policy)
            self._finished = []

    async def finish(self) -> None:
        """Lets the sends in flight end (each is bounded by the send timeout) and records them."""
        while self._running:
            await self.wait(None, self._policy.send_timeout + 5)
        await self._record(now=True)

    def abandon(self) -> None:
        """Cancels the sends still in flight (the worker is killed): their rows keep their
        stamps, and their lease decides."""
        for task in self._running:
            task.cancel()
        self._running.clear()
