"""Bench freshness: a developer free "since" long ago, or not touched for a month, reminds
their owner to confirm or update them, so the bench that matches is the real one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from crm.fit_matcher import who_hears
from crm.fit_settings import FitSettings
from db.records.bench import BenchRecord
from db.records.fits import FitCandidate
from db.repositories.bench_freshness import BenchFreshnessRepo
from db.repositories.outbox import OutboxRepo
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

BATCH = 500


def _reminder(dev: BenchRecord, user_id: int, today: date, settings: FitSettings,
              now: datetime) -> dict[str, Any]:
    passed = dev.available_from is not None and (
        (today - dev.available_from).days > settings.stale_available_days
    )
    stamp = int((dev.updated_at or dev.created_at).timestamp())
    return {
        "kind": "bench_stale", "channel": "telegram", "user_id": user_id,
        "dedup_key": f"fresh:{dev.id}:{stamp}",
        "payload": {
            "developer_id": dev.id, "developer": dev.name,
            "reason": "date_passed" if passed else "not_updated",
            "available_from": dev.available_from.isoformat() if dev.available_from else None,
            "days": (today - dev.available_from).days if passed and dev.available_from
            else (now - (dev.updated_at or dev.created_at)).days,
        },
    }


async def remind(uow: UnitOfWork, settings: FitSettings, now: datetime | None = None) -> int:
    """Queues one reminder per stale developer and stamps it in the same transaction; the key
    names the entry's last update, so a re-run never reminds twice for the same state."""
    now = now or datetime.now(UTC)
    today = now.date()
    async with uow:
        repo = uow.repo(BenchFreshnessRepo)
        devs = await repo.stale(today - timedelta(days=settings.stale_available_days),
                                now - timedelta(days=settings.stale_update_days), BATCH)
        users = {u.id: u for u in await uow.repo(UserRepo).all()}
        rows = []
        for dev in devs:
            hearer = who_hears(_candidate(dev), users)
            if hearer is not None:
                rows.append(_reminder(dev, hearer.id, today, settings, now))
        added = await uow.repo(OutboxRepo).add_many(rows)
        await repo.mark_reminded([d.id for d in devs], now)
        await uow.commit()
    return added


def _candidate(dev: BenchRecord) -> FitCandidate:
    return FitCandidate(dev.id, dev.name, dev.roles, dev.stack, dev.grade, dev.rate_rub_hour,
                        dev.available_from, dev.formats, dev.owner_user_id, dev.team_id)
