"""Posts deleted in Telegram: they leave their cards, and a card with no post left is withdrawn
(out of the feed and the matcher, its pending pushes cancelled, its owner told if it was in
work). Live deletion events and the re-read of a recent window both come through here."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from db.repositories.cards import CardRepo
from db.repositories.outbox import OutboxRepo
from db.repositories.posts import PostRepo
from db.uow import UnitOfWork

# A card someone is working on: its owner hears that the request vanished.
_IN_WORK = ("in_work", "proposed", "interview", "offer")


@dataclass(frozen=True)
class DeletionResult:
    posts: int = 0
    withdrawn: int = 0
    cancelled: int = 0


async def stage_deleted(
    uow: UnitOfWork, source_id: int, message_ids: Collection[int], now: datetime
) -> DeletionResult:
    """Inside the caller's transaction: mark, detach, withdraw, cancel, tell."""
    post_ids = await uow.repo(PostRepo).mark_deleted(source_id, message_ids, now)
    cards = uow.repo(CardRepo)
    withdrawn = await cards.withdraw_orphans(await cards.detach_posts(post_ids), now)
    outbox = uow.repo(OutboxRepo)
    cancelled = await outbox.cancel_for_cards([card_id for card_id, *_ in withdrawn])
    await outbox.add_many([
        {"kind": "followup", "dedup_key": f"withdrawn:card:{card_id}", "user_id": owner,
         "request_id": card_id, "channel": "telegram",
         "payload": {"event": "withdrawn", "title": title}}
        for card_id, owner, stage, title in withdrawn if owner is not None and stage in _IN_WORK
    ])
    return DeletionResult(len(post_ids), len(withdrawn), cancelled)


async def mark_deleted(
    uow: UnitOfWork, source_id: int, message_ids: Sequence[int]
) -> DeletionResult:
    """A deletion Telegram reported: one transaction."""
    async with uow:
        result = await stage_deleted(uow, source_id, message_ids, datetime.now(UTC))
        await uow.commit()
    return result


async def reconcile_window(
    uow: UnitOfWork, source_id: int, seen_message_ids: Collection[int], since: datetime
) -> DeletionResult:
    """After a re-read of everything posted since `since`: stored posts of that window that
    Telegram no longer has were deleted while nobody listened."""
    seen = set(seen_message_ids)
    async with uow:
        alive = await uow.repo(PostRepo).alive_since(source_id, since)
        gone = [p.message_id for p in alive
                if p.message_id not in seen and not seen.intersection(p.album_message_ids)]
        result = await stage_deleted(uow, source_id, gone, datetime.now(UTC)) if gone else (
            DeletionResult())
        await uow.commit()
    return result
