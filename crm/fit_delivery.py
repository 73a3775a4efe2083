"""Fits → outbox rows: one push per fit while an owner gets few, else one digest per window.

An owner hears each fit alone while they got at most `burst` pushes in the last
`digest_minutes`; a larger burst (a digest post, a big bench) and every fit found in their quiet
hours wait as `held`, and the held fits leave as one digest at most once per `digest_minutes`,
outside quiet hours. The rows and the fits' new state commit together, so a restart loses and
repeats nothing; the advisory lock keeps two matchers from deciding for one owner at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from crm.fit_rules import in_quiet_hours
from crm.fit_settings import FitSettings
from db.records.fits import FitPrefsRecord, FitRecord
from db.records.users import UserRecord
from db.repositories.fits import FitRepo
from db.repositories.outbox import OutboxRepo
from db.uow import UnitOfWork

DIGEST_ITEMS = 10  # listed in the message; the rest are a tap away (the fits list)


def push_row(fit: FitRecord, developer: str | None = None) -> dict[str, Any]:
    return {
        "kind": "bench_fit", "channel": "telegram", "user_id": fit.owner_user_id,
        "request_id": fit.request_id, "dedup_key": f"fit:{fit.id}",
        "payload": {"fit_id": fit.id, "developer_id": fit.developer_id,
                    "developer": developer or fit.developer, "score": fit.score,
                    "details": dict(fit.details)},
    }


def digest_row(owner_id: int, fits: Sequence[FitRecord]) -> dict[str, Any]:
    items = [{"fit_id": f.id, "request_id": f.request_id, "title": f.title[:80],
              "developer": f.developer[:60], "score": f.score} for f in fits[:DIGEST_ITEMS]]
    return {
        "kind": "fit_digest", "channel": "telegram", "user_id": owner_id,
        "dedup_key": f"fitdigest:{owner_id}:{min(f.id for f in fits)}",
        "payload": {"count": len(fits), "items": items},
    }


def _quiet(user: UserRecord | None, prefs: FitPrefsRecord | None, now: datetime) -> bool:
    if user is None or prefs is None:
        return False
    return in_quiet_hours(now, user.timezone, prefs.quiet_from, prefs.quiet_to)


async def deliver(
    uow: UnitOfWork, settings: FitSettings, fresh: Sequence[FitRecord],
    users: Mapping[int, UserRecord], prefs: Mapping[int, FitPrefsRecord], now: datetime,
) -> int:
    """Queues pushes for `fresh` fits (stored as held) where the owner's budget allows, then
    a digest for each owner whose held fits may go now. Returns the outbox rows added."""
    repo = uow.repo(FitRepo)
    by_owner: dict[int, list[FitRecord]] = {}
    for fit in fresh:
        if fit.owner_user_id is not None:
            by_owner.setdefault(fit.owner_user_id, []).append(fit)
    waiting = set(await repo.held_owners(exclude=[f.id for f in fresh]))
    owners = sorted(set(by_owner) | waiting)
    if not owners:
        return 0
    await repo.lock_owners(owners)
    since = now - timedelta(minutes=settings.digest_minutes)
    pushed = await repo.sent_since("bench_fit", owners, since)
    rows: list[dict[str, Any]] = []
    for owner_id, fits in by_owner.items():
        user, their = users.get(owner_id), prefs.get(owner_id)
        # An owner with a digest on its way hears later fits in it too: never a newer fit
        # alone while older ones wait.
        if owner_id not in waiting and not _quiet(user, their, now) and (
            pushed.get(owner_id, 0) + len(fits) <= settings.burst
        ):
            names = await repo.developer_names([f.developer_id for f in fits])
            rows += [push_row(f, names.get(f.developer_id)) for f in fits]
            await repo.set_delivery([f.id for f in fits], "push")
    digested = await repo.sent_since("fit_digest", owners, since)
    for owner_id in owners:
        if digested.get(owner_id) or _quiet(users.get(owner_id), prefs.get(owner_id), now):
            continue
        held = await repo.held_of(owner_id)
        settle = timedelta(seconds=settings.digest_settle_seconds)
        if not held or now - min(f.created_at for f in held) < settle:
            continue
        # One waiting fit reads better as the fit itself than as a list of one.
        rows.append(push_row(held[0]) if len(held) == 1 else digest_row(owner_id, held))
        await repo.set_delivery([f.id for f in held], "push" if len(held) == 1 else "digest")
    return await uow.repo(OutboxRepo).add_many(rows)
