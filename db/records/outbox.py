from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

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
    payload: Mapping[str, Any] = field(default_factory=dict)
    created_at: datetime | None = None
    # Set by a claim whose send never recorded its outcome (a crash, a timeout).
    sending_since: datetime | None = None
    unconfirmed: int = 0
    retries: int = 0


@dataclass(frozen=True)
class DueDelivery:
    """Everything a sender needs for one claimed notification, loaded in its transaction."""

    notification: NotificationRecord
    user: UserRecord
    card: CardRecord | None
    search_name: str | None
    images: tuple[bytes, ...] = ()  # a digest's chart PNGs
    offer_outreach: bool = False  # the push's search offers "Reach out"
