"""Feed filters, request cards and pages as frozen records; the vocabularies the filters use."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from db.records.cards import CardLabels
from vocabulary import FORMATS, GRADES, ROLE_FAMILIES  # noqa: F401 (the feed filters read them here)

KINDS: tuple[str, ...] = ("request", "offer")
PERIOD_DAYS: tuple[int, ...] = (1, 7, 30)
# RUB per hour; None is an open end.
RATE_BUCKETS: tuple[tuple[int | None, int | None], ...] = (
    (None, 1000), (1000, 2000), (2000, 3000), (3000, None),
)


@dataclass(frozen=True)
class FeedFilters:
    kind: str | None = "request"
    roles: tuple[str, ...] = ()
    stack: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    rate_min: int | None = None
    rate_max: int | None = None
    period_days: int | None = 7

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, raw: dict[str, Any] | None) -> FeedFilters:
        raw = raw or {}
        known = {f: raw[f] for f in cls.__dataclass_fields__ if f in raw}
        for name in ("roles", "stack", "grades", "formats"):
            if name in known:
                known[name] = tuple(known[name] or ())
        return cls(**known)

    @property
    def is_empty(self) -> bool:
        return self == FeedFilters(kind=None, period_days=None)


@dataclass(frozen=True)
class FeedCursor:
    """Keyset position: the page continues strictly below (first_seen_at, id)."""

    first_seen_at: datetime
    card_id: int


@dataclass(frozen=True)
class CardSourceRecord:
    source_id: int
    title: str | None
    username: str | None
    permalink: str | None
    posted_at: datetime


@dataclass(frozen=True)
class CardRecord(CardLabels):
    """A card as the feed and the card screen show it."""

    first_seen_at: datetime
    source_count: int
    stage: str
    owner_user_id: int | None
    team_id: int | None
    sources: tuple[CardSourceRecord, ...] = field(default=())

    @property
    def source_ids(self) -> tuple[int, ...]:
        return tuple(s.source_id for s in self.sources)


@dataclass(frozen=True)
class FeedPage:
    cards: tuple[CardRecord, ...]
    next_cursor: FeedCursor | None
