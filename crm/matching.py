"""Bench ↔ request matching: a pure score in [0, 1] with its reasons, and the ranking.

The weights favour the stack (what the client asks for first), then grade and rate (what
decides whether the deal makes sense), then availability and work format.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from db.records.bench import ScoreBound
from db.records.feed import GRADES

WEIGHTS = {"stack": 0.45, "grade": 0.2, "rate": 0.2, "availability": 0.1, "format": 0.05}
# A rate more than 1.5× above the budget's top (or below its floor by as much) is "far".
FAR_FACTOR = Decimal("1.5")
# A developer free this many days after the start counts as not available at all.
LATE_HORIZON_DAYS = 60
UNKNOWN = 0.5


class RateFit(StrEnum):
    in_range = "in_range"
    below = "below"
    above = "above"
    far_outside = "far_outside"
    unknown = "unknown"


class GradeFit(StrEnum):
    exact = "exact"
    near = "near"
    off = "off"
    unknown = "unknown"


@dataclass(frozen=True)
class RequestProfile:
    stack: tuple[str, ...]
    grades: tuple[str, ...]
    rate_min: Decimal | None  # RUB per hour
    rate_max: Decimal | None
    formats: tuple[str, ...]
    start: date


@dataclass(frozen=True)
class DeveloperProfile:
    stack: tuple[str, ...]
    grade: str | None
    rate: Decimal | None  # RUB per hour
    available_from: date | None
    formats: tuple[str, ...]


@dataclass(frozen=True)
class MatchScore:
    score: float
    common_stack: tuple[str, ...]
    missing_stack: tuple[str, ...]
    grade_fit: GradeFit
    rate_fit: RateFit
    days_late: int
    format_fit: bool

    @property
    def reasons(self) -> tuple[str, ...]:
        """Reason codes, most important first; the bot renders each as a Fluent key."""
        return ("stack_overlap" if self.common_stack else "stack_none",
                f"grade_{self.grade_fit}", f"rate_{self.rate_fit}",
                "available" if self.days_late == 0 else "available_late",
                "format_ok" if self.format_fit else "format_mismatch")


def spellings(item: str) -> tuple[str, ...]:
    """The spellings of a stack item that count as the item: as written, lower, upper and
    capitalised ('PostgreSQL', 'postgresql', 'POSTGRESQL', 'Postgresql'). The same rule runs
    in SQL (`&&` per item, GIN-indexed), so the database's pre-ranking and this score agree."""
    return tuple(dict.fromkeys((item, item.lower(), item.upper(), item.capitalize())))


def stack_variants(stack: Iterable[str]) -> list[str]:
    """Every spelling of every item: the array the SQL pre-filter overlaps with."""
    return list(dict.fromkeys(v for item in stack for v in spellings(item)))


def grade_fit(wanted: tuple[str, ...], grade: str | None) -> GradeFit:
    if not wanted or grade is None or grade not in GRADES:
        return GradeFit.unknown
    if grade in wanted:
        return GradeFit.exact
    position = GRADES.index(grade)
    near = any(abs(GRADES.index(w) - position) == 1 for w in wanted if w in GRADES)
    return GradeFit.near if near else GradeFit.off


def rate_fit(lo: Decimal | None, hi: Decimal | None, rate: Decimal | None) -> RateFit:
    if rate is None or (lo is None and hi is None):
        return RateFit.unknown
    if hi is not None and rate > hi:
        return RateFit.far_outside if rate > hi * FAR_FACTOR else RateFit.above
    if lo is not None and rate < lo:
        return RateFit.far_outside if rate * FAR_FACTOR < lo else RateFit.below
    return RateFit.in_range


def _rate_part(fit: RateFit, hi: Decimal | None, rate: Decimal | None) -> float:
    if fit is RateFit.above and hi and rate is not None:
        # Linear from 0.8 just above the top down to 0.2 at the "far" line.
        over = float((rate - hi) / (hi * (FAR_FACTOR - 1)))
        return max(0.2, 0.8 - 0.6 * over)
    # Cheaper than the floor still sells (margin), but far below hints at a grade mismatch.
    return _RATE_PARTS[fit]


_RATE_PARTS = {RateFit.in_range: 1.0, RateFit.below: 0.9, RateFit.above: 0.2,
               RateFit.far_outside: 0.0, RateFit.unknown: UNKNOWN}
_GRADE_PARTS = {GradeFit.exact: 1.0, GradeFit.near: 0.5, GradeFit.off: 0.0,
                GradeFit.unknown: UNKNOWN}


class Scorer:
    """score_match for one request against many developers: the request-side work is done
    once, and `key` ranks without building a MatchScore for every candidate."""

    def __init__(self, request: RequestProfile) -> None:
        self.request = request
        self._spellings = [frozenset(spellings(s)) for s in request.stack]
        self._grades = {g: grade_fit(request.grades, g) for g in (*GRADES, None)}
        self._formats = frozenset(request.formats)

    def _parts(
        self, stack: Sequence[str], grade: str | None, rate: Decimal | None,
        available_from: date | None, formats: Sequence[str],
    ) -> tuple[float, int, GradeFit, RateFit, bool]:
        request = self.request
        common = sum(1 for names in self._spellings if not names.isdisjoint(stack))
        stack_part = common / len(self._spellings) if self._spellings else UNKNOWN
        fit_grade = self._grades.get(grade, GradeFit.unknown)
        fit_rate = rate_fit(request.rate_min, request.rate_max, rate)
        late = max(0, (available_from - request.start).days) if available_from else 0
        formats_ok = not self._formats or not formats or not self._formats.isdisjoint(formats)
        total = (
            WEIGHTS["stack"] * stack_part + WEIGHTS["grade"] * _GRADE_PARTS[fit_grade]
            + WEIGHTS["rate"] * _rate_part(fit_rate, request.rate_max, rate)
            + WEIGHTS["availability"] * max(0.0, 1 - late / LATE_HORIZON_DAYS)
            + WEIGHTS["format"] * (1.0 if formats_ok else 0.0)
        )
        return min(1.0, max(0.0, total)), late, fit_grade, fit_rate, formats_ok

    def key(
        self, item_id: int, stack: Sequence[str], grade: str | None, rate: Decimal | None,
        available_from: date | None, formats: Sequence[str],
    ) -> tuple[float, int, int]:
        """The same order as rank_key(score_match(...), item_id), computed cheaply."""
        score, late, *_ = self._parts(stack, grade, rate, available_from, formats)
        return (-score, late, item_id)

    def match(self, developer: DeveloperProfile) -> MatchScore:
        score, late, fit_grade, fit_rate, formats_ok = self._parts(
            developer.stack, developer.grade, developer.rate, developer.available_from,
            developer.formats,
        )
        has = [not names.isdisjoint(developer.stack) for names in self._spellings]
        pairs = list(zip(self.request.stack, has, strict=True))
        return MatchScore(
            score=score, common_stack=tuple(s for s, hit in pairs if hit),
            missing_stack=tuple(s for s, hit in pairs if not hit),
            grade_fit=fit_grade, rate_fit=fit_rate, days_late=late, format_fit=formats_ok,
        )

    def bound(self) -> ScoreBound:
        """This score's parts as numbers the database turns into a per-row upper bound:
        stack, grade and availability exactly, rate and format at their best."""
        n = len(self._spellings)
        return ScoreBound(
            spellings=tuple(tuple(sorted(s)) for s in self._spellings),
            per_item=WEIGHTS["stack"] / n if n else 0.0,
            stack_base=0.0 if n else WEIGHTS["stack"] * UNKNOWN,
            grade_parts=tuple((g, WEIGHTS["grade"] * _GRADE_PARTS[self._grades[g]])
                              for g in GRADES),
            grade_unknown=WEIGHTS["grade"] * _GRADE_PARTS[self._grades[None]],
            availability_weight=WEIGHTS["availability"], horizon_days=LATE_HORIZON_DAYS,
            start=self.request.start, rest=WEIGHTS["rate"] + WEIGHTS["format"],
        )


def score_match(request: RequestProfile, developer: DeveloperProfile) -> MatchScore:
    """How well `developer` fits `request`: a score in [0, 1] and what it is made of."""
    return Scorer(request).match(developer)


def rank_key(match: MatchScore, item_id: int) -> tuple[float, int, int]:
    """Best score first; among equals the one free sooner, then the older entry."""
    return (-match.score, match.days_late, item_id)
