"""Claiming due outbox rows: lock them (SKIP LOCKED), load what their sends need, stamp them in
flight and commit, so no transaction is open while they are sent (crm.outbox sends and records).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from crm.access import can_see
from db.records.feed import CardRecord
from db.records.outbox import DueDelivery, NotificationRecord
from db.records.users import UserRecord
from db.repositories.digests import DigestRepo
from db.repositories.feed import FeedRepo
from db.repositories.outbox import OutboxRepo
from db.repositories.searches import SearchRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

log = logging.getLogger(__name__)
Claimed = list[tuple[NotificationRecord, DueDelivery | None]]


def _due(
    note: NotificationRecord, user: UserRecord | None, card: CardRecord | None,
    search: tuple[str, bool] | None,
) -> DueDelivery | None:
    """What a claimed row is sent with, or None when it is no longer to be sent."""
    if user is None or not user.active or (card is not None and not can_see(user, card)):
        return None
    if note.channel == "telegram" and user.pushes_paused_at is not None:
        return None
    if note.channel == "email" and note.kind == "followup":
        # A chain's e-mail goes to the client's address, on behalf of its owner.
        return DueDelivery(note, user, None, None) if note.payload.get("to") else None
    if note.channel == "email" and not (user.email_enabled and user.email):
        return None
    offer = bool(search and search[1] and card and note.kind == "search_match")
    return DueDelivery(note, user, card, search[0] if search else None, offer_outreach=offer)


async def load_due(uow: UnitOfWork, notes: list[NotificationRecord]) -> list[DueDelivery | None]:
    """The batch's users, cards and search names in one query each, not three per row."""
    users = await uow.repo(UserRepo).many({n.user_id for n in notes})
    cards = await uow.repo(FeedRepo).cards(sorted({n.request_id for n in notes if n.request_id}))
    names = await uow.repo(SearchRepo).names(
        {n.saved_search_id for n in notes if n.saved_search_id})
    out = []
    for note in notes:
        due = _due(note, users.get(note.user_id), cards.get(note.request_id or 0),
                   names.get(note.saved_search_id or 0))
        if due is not None and note.kind == "digest":
            images = await uow.repo(DigestRepo).images(list(note.payload.get("images", ())))
            due = replace(due, images=tuple(images))
        out.append(due)
    return out


async def claim(uow: UnitOfWork, now: datetime, lease: timedelta, limit: int) -> Claimed:
    """Up to `limit` due rows, oldest first, none of a (user, channel) with a send in flight;
    those no longer to be sent are cancelled (their DueDelivery is None)."""
    async with uow:
        outbox = uow.repo(OutboxRepo)
        notes = await outbox.claim_due_many(now, limit)
        if not notes:
            return []
        # A stamp left by an earlier claim: that send's outcome was never recorded.
        notes = [replace(n, unconfirmed=n.unconfirmed + (n.sending_since is not None))
                 for n in notes]
        claimed = list(zip(notes, await load_due(uow, notes), strict=True))
        await outbox.cancel([note.id for note, due in claimed if due is None])
        await outbox.stamp_sending([note.id for note, due in claimed if due is not None],
                                   now, lease)
        await uow.commit()
    for note in notes:
        if note.sending_since is not None:
            log.warning("notification %s: an earlier send never completed; counted unconfirmed",
                        note.id)
    return claimed


async def next_due_in(uow: UnitOfWork, now: datetime) -> float | None:
    """Seconds until the earliest row not in flight comes due (a retry, a chat's 429 pause);
    None when none waits."""
    async with uow:
        at = await uow.repo(OutboxRepo).next_due_at(now)
    return None if at is None else max((at - now).total_seconds(), 0.0)
