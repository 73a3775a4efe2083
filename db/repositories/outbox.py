"""The notification outbox: staged inserts deduplicated by (dedup_key, channel), and claims."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Notification
from db.records.outbox import NotificationRecord


def to_record(row: Notification) -> NotificationRecord:
    return NotificationRecord(
        id=row.id, kind=row.kind, channel=row.channel, user_id=row.user_id,
        saved_search_id=row.saved_search_id, request_id=row.request_id, attempts=row.attempts,
        status=row.status, payload=dict(row.payload or {}), created_at=row.created_at,
        sending_since=row.sending_since, unconfirmed=row.unconfirmed, retries=row.retries,
    )


class OutboxRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add_many(self, rows: Sequence[dict[str, Any]]) -> int:
        """Returns how many were new; duplicates of (dedup_key, channel) are skipped."""
        if not rows:
            return 0
        query = (
            insert(Notification).values(list(rows))
            .on_conflict_do_nothing(constraint="uq_notifications_dedup_channel")
            .returning(Notification.id)
        )
        return len((await self.session.execute(query)).all())

    async def claim_due_many(self, now: datetime, limit: int) -> list[NotificationRecord]:
        """Locks up to `limit` due rows, at most one per user and channel, the oldest first;
        rows other workers hold are skipped (SKIP LOCKED), and so are the rows of a chat with
        a send in flight: a chat takes one message a second, so its next row would only wait
        in a worker (or be sent back). In flight: stamped, its lease not yet over."""
        in_flight = (
            sa.select(Notification.user_id, Notification.channel)
            .where(Notification.status == "pending", Notification.next_attempt_at > now,
                   Notification.sending_since.is_not(None))
        )
        query = (
            sa.select(Notification)
            .where(Notification.status == "pending", Notification.next_attempt_at <= now,
                   sa.tuple_(Notification.user_id, Notification.channel).not_in(in_flight))
            .order_by(Notification.next_attempt_at, Notification.id)
            .limit(limit * 2).with_for_update(skip_locked=True)
        )
        picked: dict[tuple[int, str], NotificationRecord] = {}
        for row in await self.session.scalars(query):
            if (row.user_id, row.channel) not in picked and len(picked) < limit:
                picked[(row.user_id, row.channel)] = to_record(row)
        return list(picked.values())

    async def next_due_at(self, now: datetime) -> datetime | None:
        """When the earliest pending row that is not in flight comes due (after `now`)."""
        return await self.session.scalar(
            sa.select(sa.func.min(Notification.next_attempt_at))
            .where(Notification.status == "pending", Notification.next_attempt_at > now,
                   Notification.sending_since.is_(None)))

    async def stamp_sending(self, ids: Sequence[int], now: datetime, lease: timedelta) -> None:
        """Marks claimed rows in flight; a stamp left by an earlier claim counts unconfirmed."""
        if ids:
            await self.session.execute(
                sa.update(Notification).where(Notification.id.in_(list(ids))).values(
                    sending_since=now, next_attempt_at=now + lease,
                    unconfirmed=Notification.unconfirmed + sa.case(
                        (Notification.sending_since.is_not(None), 1), else_=0)))

    async def cancel(self, ids: Sequence[int]) -> None:
        if ids:
            await self.session.execute(
                sa.update(Notification).where(Notification.id.in_(list(ids)))
                .values(status="cancelled", sending_since=None))

    async def finish_sent(self, ids: Sequence[int], claimed_at: datetime, now: datetime) -> None:
        """Records sends that went out, unless another claim took the row since."""
        if ids:
            await self.session.execute(
                sa.update(Notification)
                .where(Notification.id.in_(list(ids)), Notification.sending_since == claimed_at)
                .values(status="sent", sent_at=now, attempts=Notification.attempts + 1,
                        sending_since=None))

    async def update(self, notification_id: int, **values: Any) -> None:
        await self.session.execute(
            sa.update(Notification).where(Notification.id == notification_id).values(**values)
        )

    async def finish_send(
        self, notification_id: int, claimed_at: datetime, **values: Any
    ) -> bool:
        """Records a send's outcome unless another claim took the row since (lease expired)."""
        result = await self.session.execute(
            sa.update(Notification)
            .where(Notification.id == notification_id,
                   Notification.sending_since == claimed_at)
            .values(sending_since=None, **values)
        )
        return bool(getattr(result, "rowcount", 0))

    async def counts(self) -> dict[str, int]:
        """Rows per status, plus the sends that may have reached Telegram twice."""
        rows = await self.session.execute(
            sa.select(Notification.status, sa.func.count()).group_by(Notification.status)
        )
        found = {status: int(n) for status, n in rows.all()}
        found["unconfirmed"] = int(await self.session.scalar(
            sa.select(sa.func.coalesce(sa.func.sum(Notification.unconfirmed), 0))) or 0)
        return found

    async def cancel_pending(self, user_id: int, channel: str) -> None:
        await self.session.execute(
            sa.update(Notification)
            .where(Notification.user_id == user_id, Notification.channel == channel,
                   Notification.status == "pending")
            .values(status="cancelled")
        )

    async def cancel_for_cards(self, card_ids: Sequence[int]) -> int:
        if not card_ids:
            return 0
        result = await self.session.execute(
            sa.update(Notification)
            .where(Notification.request_id.in_(list(card_ids)),
                   Notification.status == "pending", Notification.kind != "followup")
            .values(status="cancelled", last_error="card withdrawn: its posts were deleted")
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def of_user(self, user_id: int) -> list[NotificationRecord]:
        query = sa.select(Notification).where(Notification.user_id == user_id)
        return [to_record(r) for r in await self.session.scalars(query.order_by(Notification.id))]
