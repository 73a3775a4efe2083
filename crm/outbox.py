"""Delivering the outbox: claim one due notification, send it, record the outcome.

Two short transactions around the send, none during it: the claim (FOR UPDATE SKIP LOCKED)
stamps `sending_since`, pushes `next_attempt_at` past a lease and commits, so the send holds
no row lock and no transaction and a slow Telegram stalls only its own send. The outcome is
recorded only if the row still carries this claim's stamp. A claim that finds a stamp left
behind (the process died mid-send) counts the row as `unconfirmed`, as does a send that timed
out: it may have reached the user already. That is the only way a message can go out twice,
and it is counted; such rows are re-sent a bounded number of times, never in a loop.

Transport errors, 5xx and SMTP outages spend no attempts: they back off and retry until a
horizon (24 h by default) has passed since the row was created. Permanent refusals (4xx) spend
attempts and end the row as dead after MAX_ATTEMPTS.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum

from crm.outbox_claim import claim
from crm.outreach_bounce import email_bounced, is_chain_email
from db.records.outbox import DueDelivery, NotificationRecord
from db.repositories.outbox import OutboxRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

MAX_ATTEMPTS = 6
BACKOFF_BASE_SECONDS = 5.0
BACKOFF_MAX_SECONDS = 3600.0
# Telegram or SMTP unreachable: 2 s, 4 s … then every minute, so an outage's end costs a
# minute at most, whatever the row's age.
TRANSIENT_BASE_SECONDS = 2.0
TRANSIENT_MAX_SECONDS = 60.0
DELIVERY_HORIZON = timedelta(hours=24)
SEND_TIMEOUT_SECONDS = 10.0
# A claimed row comes due again after this if its worker never records the outcome.
LEASE_MARGIN_SECONDS = 30.0
# A row whose sends may have been delivered this many times is not re-sent after another
# timeout: it becomes `failed` ("possibly delivered"), counted, for a person to look at.
UNCONFIRMED_RESENDS = 3
# Rows claimed and sent together by one delivery worker: enough to keep Telegram's ~25/s
# busy between two claims, few enough that a batch's last send waits well under a second.
DELIVERY_BATCH = 20
# The outbox's last word on a row: nothing will try it again.
GIVEN_UP = ("dead", "failed")
log = logging.getLogger(__name__)


class SendOutcome(Enum):
    SENT = "sent"
    RETRY_LATER = "retry_later"  # rate limited: not a failure, no attempt is counted
    FORBIDDEN = "forbidden"  # the user blocked the bot
    FAILED = "failed"  # a permanent refusal: counts an attempt
    TRANSIENT = "transient"  # network error, 5xx, SMTP down: retried until the horizon
    UNCERTAIN = "uncertain"  # timed out after sending: it may have been delivered


@dataclass(frozen=True)
class SendResult:
    outcome: SendOutcome
    retry_after: float = 0.0
    error: str | None = None
    # The request reached the server before it failed (a 5xx, a dropped reply): a retry may
    # deliver the message a second time, so it is counted as unconfirmed.
    maybe_delivered: bool = False
    # A refusal no retry can change (an SMTP 5xx bounce): the row is dead at once.
    permanent: bool = False


@dataclass(frozen=True)
class DeliveryPolicy:
    horizon: timedelta = DELIVERY_HORIZON
    send_timeout: float = SEND_TIMEOUT_SECONDS

    @property
    def lease(self) -> timedelta:
        return timedelta(seconds=self.send_timeout + LEASE_MARGIN_SECONDS)


Sender = Callable[[DueDelivery], Awaitable[SendResult]]


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s … capped at an hour."""
    seconds = BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, BACKOFF_MAX_SECONDS))


def transient_backoff(retries: int) -> timedelta:
    """2 s, 4 s, 8 s … capped at a minute: quick after a blip, calm in a long outage."""
    seconds = TRANSIENT_BASE_SECONDS * 2 ** min(max(retries - 1, 0), 10)
    return timedelta(seconds=min(seconds, TRANSIENT_MAX_SECONDS))


def _outcome_values(
    note: NotificationRecord, result: SendResult, now: datetime, policy: DeliveryPolicy
) -> dict[str, object]:
    if result.outcome is SendOutcome.SENT:
        return {"status": "sent", "sent_at": now, "attempts": note.attempts + 1}
    if result.outcome is SendOutcome.RETRY_LATER:
        return {"next_attempt_at": now + timedelta(seconds=result.retry_after),
                "last_error": result.error}
    if result.outcome is SendOutcome.FORBIDDEN:
        return {"last_error": result.error}
    if result.outcome in (SendOutcome.TRANSIENT, SendOutcome.UNCERTAIN):
        age = now - (note.created_at or now)
        values: dict[str, object] = {
            "last_error": result.error, "retries": note.retries + 1,
            "next_attempt_at": now + transient_backoff(note.retries + 1)}
        if result.maybe_delivered or result.outcome is SendOutcome.UNCERTAIN:
            values["unconfirmed"] = note.unconfirmed + 1
        too_many = note.unconfirmed + 1 > UNCONFIRMED_RESENDS
        if result.outcome is SendOutcome.UNCERTAIN and too_many:
            values.update(status="failed", last_error=f"possibly delivered: {result.error}")
        if age > policy.horizon:
            values["status"] = "dead"
        return values
    attempts = note.attempts + 1
    dead = attempts >= MAX_ATTEMPTS or result.permanent
    return {"attempts": attempts, "last_error": result.error,
            "status": "dead" if dead else "pending",
            "next_attempt_at": now + backoff(attempts)}


async def guarded_send(send: Sender, due: DueDelivery, policy: DeliveryPolicy) -> SendResult:
    try:
        # The senders bound their own requests; this is the backstop for anything else.
        async with asyncio.timeout(policy.send_timeout + 5):
            return await send(due)
    except TimeoutError:
        return SendResult(SendOutcome.UNCERTAIN, error="send timed out")
    except Exception as exc:
        return SendResult(SendOutcome.FAILED, error=repr(exc)[:500])


# A send's outcome and what recording it needs: the row, and the stamp its claim left.
Outcome = tuple[NotificationRecord, datetime, SendResult]


async def record(uow: UnitOfWork, sent: list[Outcome], policy: DeliveryPolicy) -> None:
    """Records the outcomes in one transaction; each only if its row still carries the stamp
    of the claim that sent it (a row whose lease ran out may have been claimed again)."""
    now = datetime.now(UTC)
    async with uow:
        outbox = uow.repo(OutboxRepo)
        delivered: dict[datetime, list[int]] = {}
        for note, claimed_at, result in sent:
            if result.outcome is SendOutcome.SENT:
                delivered.setdefault(claimed_at, []).append(note.id)
        for claimed_at, ids in delivered.items():
            await outbox.finish_sent(ids, claimed_at, now)
        for note, claimed_at, result in sent:
            if result.outcome is SendOutcome.SENT:
                continue
            if result.outcome is SendOutcome.UNCERTAIN:
                log.warning("notification %s: %s; it may have been delivered", note.id,
                            result.error)
            values = _outcome_values(note, result, now, policy)
            recorded = await outbox.finish_send(note.id, claimed_at, **values)
            if recorded and values.get("status") in GIVEN_UP and is_chain_email(note):
                await email_bounced(uow, note, str(values.get("last_error") or ""), now)
            if recorded and result.outcome is SendOutcome.FORBIDDEN:
                await uow.repo(UserRepo).update(note.user_id, pushes_paused_at=now)
                await outbox.cancel_pending(note.user_id, "telegram")
        await uow.commit()


async def deliver_due(
    uow: UnitOfWork, send: Sender, policy: DeliveryPolicy | None = None,
    limit: int = DELIVERY_BATCH,
) -> list[NotificationRecord]:
    """Sends up to `limit` due notifications (one per user) at once; returns those claimed,
    cancelled ones included ([] when nothing is due or all due rows are locked).

    One claim and one record for the batch, the sends side by side; the next claim waits for
    the batch's slowest send. The delivery workers stream instead (crm.outbox_stream); this
    is for one-off passes (tests, scripts)."""
    policy = policy or DeliveryPolicy()
    claimed_at = datetime.now(UTC)
    claimed = await claim(uow, claimed_at, policy.lease, limit)
    due = [(note, item) for note, item in claimed if item is not None]
    if due:
        results = await asyncio.gather(*(guarded_send(send, item, policy) for _, item in due))
        await record(uow, [(note, claimed_at, result) for (note, _), result
                           in zip(due, results, strict=True)], policy)
    return [note for note, _ in claimed]


async def deliver_next(
    uow: UnitOfWork, send: Sender, policy: DeliveryPolicy | None = None
) -> NotificationRecord | None:
    """Sends one due notification; None when nothing is due (or all due rows are locked)."""
    claimed = await deliver_due(uow, send, policy, limit=1)
    return claimed[0] if claimed else None


async def delivery_counts(uow: UnitOfWork) -> dict[str, int]:
    """Outbox rows per status, plus `unconfirmed`: sends that may have been delivered twice."""
    async with uow:
        return await uow.repo(OutboxRepo).counts()
