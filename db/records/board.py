"""The kanban's records: filters, one card as a column shows it, a column's totals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

BOARD_PERIODS: tuple[int, ...] = (7, 30, 90)


@dataclass(frozen=True)
class BoardFilters:
    """owner_id / team_id narrow to one owner or team; period_days to cards moved lately."""

    owner_id: int | None = None
    team_id: int | None = None
    stack: tuple[str, ...] = ()
    period_days: int | None = 30


@dataclass(frozen=True)
class BoardCursor:
    """Keyset position in one column: continue strictly below (stage_changed_at, id)."""

    stage_changed_at: datetime
    card_id: int


@dataclass(frozen=True)
class BoardCardRecord:
    id: int
    title: str
    stage: str
    stack: tuple[str, ...]
    grades: tuple[str, ...]
    owner_user_id: int | None
    owner_name: str | None
    team_id: int | None
    stage_changed_at: datetime
    first_seen_at: datetime
    rate_rub_hour_min: Decimal | None
    rate_rub_hour_max: Decimal | None
    headcount: int | None


@dataclass(frozen=True)
class ColumnTotals:
    """count is exact up to the cap; `capped` says the column holds more than it counts."""

    stage: str
    count: int
    capped: bool
    value_rub_hour: Decimal | None
