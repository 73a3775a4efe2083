from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db.records.cards import CardLabels


@dataclass(frozen=True)
class FieldCorrection:
    """The latest correction of one field of a card: who set it to what, and when."""

    field: str
    value: Any
    user_id: int | None
    user_name: str | None
    at: datetime


@dataclass(frozen=True)
class CorrectedCard:
    card: CardLabels
    corrections: tuple[FieldCorrection, ...]
