"""The weekly chart digest's write side: who is due this week, and queuing one digest into
the notification outbox, where it is retried and paced like any push.

A digest is identified by (user, ISO week of its local send time): the outbox's unique
(dedup_key, channel) makes a second queuing of the same week a no-op, whatever process or
restart attempts it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from db.records.users import UserRecord
from db.repositories.digests import DigestRepo, digest_key
from db.repositories.outbox import OutboxRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

FALLBACK_ZONE = "UTC"
KEEP_IMAGES_DAYS = 14


@dataclass(frozen=True)
class DueDigest:
    user: UserRecord
    week: str  # ISO week of the send moment, e.g. "2026-W50"
    send_at: datetime  # this week's local send moment, as an aware datetime


def zone_of(user: UserRecord) -> ZoneInfo:
    try:
        return ZoneInfo(user.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(FALLBACK_ZONE)


def send_moment(user: UserRecord, now: datetime, weekday: int, at: time) -> datetime:
    """The latest send moment at or before `now` in the user's zone: this week's once it has
    passed, else last week's (a digest the bot was down for still goes out, late)."""
    local = now.astimezone(zone_of(user))
    monday = local.date() - timedelta(days=local.weekday())
    moment = datetime.combine(monday + timedelta(days=weekday), at, tzinfo=local.tzinfo)
    return moment if moment <= local else moment - timedelta(days=7)


def week_of(moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


async def due(uow: UnitOfWork, now: datetime, weekday: int, at: time) -> list[DueDigest]:
    """Subscribers whose latest send moment's digest is not queued yet."""
    async with uow:
        repo = uow.repo(DigestRepo)
        candidates = []
        for user in await repo.subscribers():
            moment = send_moment(user, now, weekday, at)
            candidates.append(DueDigest(user, week_of(moment), moment))
        queued = await repo.queued_keys([digest_key(d.user.id, d.week) for d in candidates])
    return [d for d in candidates if digest_key(d.user.id, d.week) not in queued]


def image_hash(png: bytes) -> str:
    return hashlib.sha256(png).hexdigest()


async def queue(
    uow: UnitOfWork, digest: DueDigest, images: Sequence[bytes], payload: dict[str, Any],
) -> bool:
    """Stores the images and one outbox row per channel; False when the week was queued."""
    hashes = [image_hash(p) for p in images]
    key = digest_key(digest.user.id, digest.week)
    async with uow:
        user = await uow.repo(UserRepo).get(digest.user.id)
        if user is None or not user.active or not user.digest_enabled:
            return False
        channels = ["telegram"] + (["email"] if user.email_enabled and user.email else [])
        await uow.repo(DigestRepo).add_images(dict(zip(hashes, images, strict=True)))
        added = await uow.repo(OutboxRepo).add_many([
            {"kind": "digest", "dedup_key": key, "user_id": user.id, "channel": channel,
             "payload": {**payload, "week": digest.week, "images": hashes}}
            for channel in channels
        ])
        await uow.commit()
    return added > 0


async def set_enabled(uow: UnitOfWork, user: UserRecord, enabled: bool) -> UserRecord:
    async with uow:
        await uow.repo(UserRepo).update(user.id, digest_enabled=enabled)
        updated = await uow.repo(UserRepo).get(user.id)
        await uow.commit()
    assert updated is not None  # the user sent this very update
    return updated


async def prune(uow: UnitOfWork, now: datetime, keep_days: int = KEEP_IMAGES_DAYS) -> int:
    async with uow:
        removed = await uow.repo(DigestRepo).prune_images(now - timedelta(days=keep_days))
        await uow.commit()
    return removed
