from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class ItemVerdict:
    """The classifier's verdict on one post, or on one item of a digest, as plain values.

    The collector fills it (labels, fingerprints, normalised rates) so crm never imports the
    classifier.
    """

    item_index: int
    kind: str
    labels: Mapping[str, Any]
    confidences: Mapping[str, float]
    text: str
    needs_review: bool = False
    unreadable: bool = False
    fingerprint: str | None = None
    simhash: int | None = None
    # MinHash band keys (classifier.minhash): the index that finds near-copy candidates.
    band_keys: tuple[int, ...] = ()
    rate_rub_hour_min: float | None = None
    rate_rub_hour_max: float | None = None

    @property
    def makes_card(self) -> bool:
        return self.kind in ("request", "offer")


@dataclass(frozen=True)
class PostVerdict:
    post_id: int
    model_version: str
    items: tuple[ItemVerdict, ...] = ()
    failed: bool = False
    error: str | None = None


@dataclass(frozen=True)
class DuplicateProbe:
    """What a card-making item is matched by against the cards already stored."""

    post_id: int
    item_index: int
    kind: str
    since: datetime
    until: datetime
    fingerprint: str | None = None
    fwd_chat_id: int | None = None
    fwd_message_id: int | None = None


@dataclass(frozen=True)
class NearCandidate:
    """A card a near copy may join: its texts (its own and its first posts') and labels."""

    card_id: int
    texts: tuple[str, ...]
    shared_keys: int
    roles: tuple[str, ...] = ()
    stack: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()


@dataclass(frozen=True)
class IngestResult:
    claimed: int = 0
    classified: int = 0
    failed: int = 0
    cards_created: int = 0
    cards_merged: int = 0
    cards_updated: int = 0

    @property
    def cards_changed(self) -> int:
        return self.cards_created + self.cards_merged + self.cards_updated


@dataclass(frozen=True)
class CardLabels:
    """The normalised labels of a request card, as every view of a card shows them."""

    id: int
    kind: str
    title: str
    text: str
    roles: tuple[str, ...]
    stack: tuple[str, ...]
    grades: tuple[str, ...]
    formats: tuple[str, ...]
    employment: tuple[str, ...]
    location: str | None
    rate_min: Decimal | None
    rate_max: Decimal | None
    rate_currency: str | None
    rate_period: str | None
    rate_rub_hour_min: Decimal | None
    rate_rub_hour_max: Decimal | None
    duration_months: float | None
    headcount: int | None
    needs_review: bool


@dataclass(frozen=True)
class IngestCardRecord(CardLabels):
    """A card as the classify worker sees it: what cross-post matching compares."""

    model_version: str | None
    fingerprint: str | None
    simhash: int | None
    first_seen_at: datetime
    last_seen_at: datetime
    source_count: int
    stage: str
