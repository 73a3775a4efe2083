"""When a scored (request, developer) pair is a fit worth a push, and what the push says.

Pure: the matcher, the precision check on judged real posts and the tests share it.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crm.matching import FAR_FACTOR, GradeFit, MatchScore, RateFit, RequestProfile, grade_fit
from db.records.feed import GRADES

# Beyond the score: a push must not contradict the request on any known fact.
REFUSED_RATES = frozenset({RateFit.above, RateFit.far_outside})


def is_fit(
    request: RequestProfile, match: MatchScore, threshold: float,
    request_roles: Collection[str] = (), developer_roles: Collection[str] = (),
) -> bool:
    """At or above the threshold, in a role family the request asks for (when both name
    one), sharing the stack (when the request names one), grade not off, rate not above the
    budget (unknown rates pass on the rest of the score).

    The role rule is not in the score: a project manager who lists Java shares the whole
    stack of a one-item Java request, and judged real posts showed most such pushes wrong."""
    if match.score < threshold:
        return False
    if request_roles and developer_roles and set(request_roles).isdisjoint(developer_roles):
        return False
    if request.stack and not match.common_stack:
        return False
    return match.grade_fit is not GradeFit.off and match.rate_fit not in REFUSED_RATES


def rate_window(request: RequestProfile) -> tuple[Decimal | None, Decimal | None]:
    """The developer rates is_fit can accept, for the database to filter on: not above the
    budget's top, not "far" below its floor (unknown rates always pass)."""
    low = request.rate_min / FAR_FACTOR if request.rate_min is not None else None
    return low, request.rate_max


def grades_allowed(request: RequestProfile) -> tuple[str, ...] | None:
    """The developer grades is_fit can accept (None: any, the request names no grade)."""
    if not request.grades:
        return None
    return tuple(g for g in GRADES if grade_fit(request.grades, g) is not GradeFit.off)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal(1)))


def details(request: RequestProfile, match: MatchScore, developer_grade: str | None,
            developer_rate: Decimal | None) -> dict[str, Any]:
    """The score's parts, JSON-safe, as the push renders them ("stack 4/5, grade fits,
    rate 2 500 ≤ 2 800 ₽/h")."""
    return {
        "stack_hit": len(match.common_stack), "stack_total": len(request.stack),
        "common": list(match.common_stack), "missing": list(match.missing_stack),
        "grade_fit": str(match.grade_fit), "grade": developer_grade,
        "rate_fit": str(match.rate_fit), "rate": _text(developer_rate),
        "budget_min": _text(request.rate_min), "budget_max": _text(request.rate_max),
        "days_late": match.days_late, "format_fit": match.format_fit,
    }


def in_quiet_hours(now: datetime, timezone: str, quiet_from: int | None,
                   quiet_to: int | None) -> bool:
    """Whether `now` falls in the local hours [quiet_from, quiet_to), which may wrap midnight."""
    if quiet_from is None or quiet_to is None or quiet_from == quiet_to:
        return False
    hour = now.astimezone(_zone(timezone)).hour
    if quiet_from < quiet_to:
        return quiet_from <= hour < quiet_to
    return hour >= quiet_from or hour < quiet_to


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def latest_start(start: date, within_days: int) -> date:
    return start + timedelta(days=within_days)
