"""Bench developers: what is stored, and what a form or a CSV line proposes to store."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple


@dataclass(frozen=True)
class BenchDraft:
    """Validated values for a new or edited developer (rate_rub_hour computed by crm)."""

    name: str
    roles: tuple[str, ...] = ()
    stack: tuple[str, ...] = ()
    grade: str | None = None
    rate_min: Decimal | None = None
    rate_max: Decimal | None = None
    rate_currency: str | None = None
    rate_period: str | None = None
    rate_rub_hour: Decimal | None = None
    available_from: date | None = None
    english_level: str | None = None
    location: str | None = None
    formats: tuple[str, ...] = ()
    cv_url: str | None = None
    cv_file_id: str | None = None
    source_post_id: int | None = None


@dataclass(frozen=True)
class BenchRecord:
    id: int
    name: str
    roles: tuple[str, ...]
    stack: tuple[str, ...]
    grade: str | None
    rate_min: Decimal | None
    rate_max: Decimal | None
    rate_currency: str | None
    rate_period: str | None
    rate_rub_hour: Decimal | None
    available_from: date | None
    english_level: str | None
    location: str | None
    formats: tuple[str, ...]
    cv_url: str | None
    cv_file_id: str | None
    source_post_id: int | None
    owner_user_id: int | None
    team_id: int | None
    active: bool
    created_at: datetime
    busy: bool = False
    updated_at: datetime | None = None


class BenchCandidate(NamedTuple):
    """The columns matching scores. A NamedTuple rather than a dataclass: still immutable,
    but built straight from the driver's row, which matters at 10,000 rows per request."""

    id: int
    name: str
    roles: Sequence[str]
    stack: Sequence[str]
    grade: str | None
    rate_rub_hour: Decimal | None
    available_from: date | None
    formats: Sequence[str]
    bound: float = 1.0  # the most this developer can score for the request (SQL estimate)


@dataclass(frozen=True)
class ScoreBound:
    """What the database needs to compute an upper bound of the matching score per row, so
    it can hand candidates over best-first; the numbers come from crm.matching's Scorer."""

    spellings: tuple[tuple[str, ...], ...]  # per request stack item, its accepted spellings
    per_item: float  # score per shared stack item
    stack_base: float  # the stack part when the request names no stack
    grade_parts: tuple[tuple[str, float], ...]  # weighted grade part per known grade
    grade_unknown: float
    availability_weight: float
    horizon_days: int
    start: date
    rest: float  # rate and format parts, counted at their maximum

    def ceiling_without_all_items(self) -> float:
        """The highest bound of a developer lacking at least one of the stack items."""
        best_grade = max([self.grade_unknown, *(part for _, part in self.grade_parts)])
        shared = max(0, len(self.spellings) - 1)
        return (self.stack_base + self.per_item * shared + best_grade
                + self.availability_weight + self.rest)


@dataclass(frozen=True)
class CandidateChunk:
    """Candidates in bound order, and the highest bound of any candidate not yet read."""

    candidates: list[BenchCandidate]
    ceiling: float
