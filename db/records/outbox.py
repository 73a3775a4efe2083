from __future__ import annotations

from dataclasses import dataclass

from db.records.feed import CardRecord
from db.records.users import UserRecord


@dataclass(frozen=True)
class NotificationRecord:
    id: int
    kind: str
    channel: str
    user_id: int
    saved_search_id: int | None
    request_id: int | None
    attempts: int
    status: str


@dataclass(frozen=True)
class DueDelivery:
    """Everything a sender needs for one claimed notification, loaded in its transaction."""

    notification: NotificationRecord
    user: UserRecord
    card: CardRecord | None
    search_name: str | None
