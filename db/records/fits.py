"""Bench fits: a (request, developer) pair pushed to the developer's owner, and user prefs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple


@dataclass(frozen=True)
class FitPrefsRecord:
    user_id: int
    threshold: Decimal | None = None  # None: the FitSettings default
    quiet_from: int | None = None  # local hours [from, to); None: no quiet hours
    quiet_to: int | None = None
    paused: bool = False


@dataclass(frozen=True)
class FitRecord:
    id: int
    request_id: int
    developer_id: int
    owner_user_id: int | None
    score: float
    details: Mapping[str, Any]
    delivery: str
    verdict: str | None
    created_at: datetime
    title: str = ""  # the request card's title, where the read joins it
    developer: str = ""  # the developer's name, likewise


class FitCandidate(NamedTuple):
    """A bench developer as the fit matcher scores them (straight from the driver's row)."""

    id: int
    name: str
    roles: Sequence[str]
    stack: Sequence[str]
    grade: str | None
    rate_rub_hour: Decimal | None
    available_from: date | None
    formats: Sequence[str]
    owner_user_id: int | None
    team_id: int | None


@dataclass(frozen=True)
class NewFit:
    """What the matcher stages for one pair before the database says whether it is new."""

    request_id: int
    developer_id: int
    owner_user_id: int
    score: float
    details: Mapping[str, Any] = field(default_factory=dict)
