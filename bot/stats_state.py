"""Each user's /stats choices in Redis, and the pure edits the pickers make."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from analytics.records import (
    PERIOD_DAYS,
    ChartFilters,
    Granularity,
    ReportKind,
    ReportRequest,
)
from bot.callbacks_stats import StatsField
from db.records.feed import FORMATS, GRADES, ROLE_FAMILIES

KEY = "radar:stats:{user_id}"
TTL_SECONDS = 30 * 24 * 3600
REPORTS: tuple[ReportKind, ...] = tuple(ReportKind)
GRANULARITIES: tuple[Granularity, ...] = tuple(Granularity)
FIXED: dict[StatsField, tuple[str, ...]] = {
    StatsField.roles: ROLE_FAMILIES, StatsField.grades: GRADES, StatsField.formats: FORMATS,
}


def _toggle(values: tuple[Any, ...], value: Any) -> tuple[Any, ...]:
    return tuple(v for v in values if v != value) if value in values else (*values, value)


def choose(request: ReportRequest, field: StatsField, value: Any) -> ReportRequest:
    """Toggles one filter value (a stack name, a role family, a source id…)."""
    f = request.filters
    current = getattr(f, "source_ids" if field is StatsField.sources else field.value)
    name = "source_ids" if field is StatsField.sources else field.value
    return replace(request, filters=replace(f, **{name: _toggle(current, value)}))


def pick_index(choices: tuple[Any, ...], index: int) -> Any | None:
    """The entry a button points at, or None for an index no button had (a forged press)."""
    return choices[index] if 0 <= index < len(choices) else None


def to_json(request: ReportRequest, offered: dict[str, list[Any]]) -> str:
    f = request.filters
    return json.dumps({
        "report": request.report.value, "period": request.period_days,
        "granularity": request.granularity.value,
        "filters": {"roles": f.roles, "stack": f.stack, "grades": f.grades,
                    "formats": f.formats, "source_ids": f.source_ids},
        "offered": offered,
    }, ensure_ascii=False)


def from_json(raw: str | bytes | None) -> tuple[ReportRequest, dict[str, list[Any]]]:
    """A stored state, or the defaults when there is none or it no longer parses."""
    try:
        data = json.loads(raw) if raw else {}
        f = data.get("filters", {})
        request = ReportRequest(
            report=ReportKind(data.get("report", ReportKind.overview.value)),
            period_days=int(data.get("period", 30)) if int(data.get("period", 30))
            in PERIOD_DAYS else 30,
            granularity=Granularity(data.get("granularity", Granularity.day.value)),
            filters=ChartFilters(
                roles=tuple(f.get("roles", ())), stack=tuple(f.get("stack", ())),
                grades=tuple(f.get("grades", ())), formats=tuple(f.get("formats", ())),
                source_ids=tuple(int(i) for i in f.get("source_ids", ())),
            ),
        )
        return request, dict(data.get("offered", {}))
    except (ValueError, TypeError, AttributeError):
        return ReportRequest(), {}


class StatsStore:
    def __init__(self, redis: Any) -> None:
        self._redis = redis

    async def load(self, user_id: int) -> tuple[ReportRequest, dict[str, list[Any]]]:
        return from_json(await self._redis.get(KEY.format(user_id=user_id)))

    async def save(
        self, user_id: int, request: ReportRequest, offered: dict[str, list[Any]] | None = None
    ) -> None:
        await self._redis.set(KEY.format(user_id=user_id), to_json(request, offered or {}),
                              ex=TTL_SECONDS)
