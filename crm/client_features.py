"""A client's features and history for its card, computed with the nightly recompute: requests
per month, what it asks (role families, stacks, grades, formats, employment with counts), the
terms (rates, durations, headcounts), the channels it posts in, and our outcomes with it.

Stored under stats["features"]; every figure comes from one GROUP BY over all clients' cards,
so the cost grows with the cards, not with a query per client."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from db.repositories.client_features import ClientFeaturesRepo

MONTHS = 6
TOP_ASKED = 3
TOP_CHANNELS = 3
ASKED = ("role", "stack", "grade", "format", "employment")


def month_starts(now: datetime, count: int = MONTHS) -> list[datetime]:
    """The first instants (UTC) of the `count` calendar months ending with now's, oldest first."""
    at = now.astimezone(UTC)
    index = at.year * 12 + at.month - 1
    return [datetime((i // 12), (i % 12) + 1, 1, tzinfo=UTC)
            for i in range(index - count + 1, index + 1)]


def _top(counts: dict[str, int], limit: int) -> list[list[Any]]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [[name, n] for name, n in ranked]


def _round(value: Any, digits: int = 0) -> float | int | None:
    if value is None:
        return None
    return round(float(value), digits) if digits else round(float(value))


async def compute(
    repo: ClientFeaturesRepo, now: datetime, label_counts: Sequence[tuple[int, str, int]],
) -> dict[int, dict[str, Any]]:
    """client → its features (JSON-ready), from `label_counts` (already read for the similar
    clients) and three more passes over the cards."""
    months = month_starts(now)
    found: dict[int, dict[str, Any]] = {}

    def of(client_id: int) -> dict[str, Any]:
        return found.setdefault(client_id, {"month": f"{months[0]:%Y-%m}"})

    asked: dict[int, dict[str, dict[str, int]]] = {}
    for client_id, label, n in label_counts:
        category, value = label.split(":", 1)
        asked.setdefault(client_id, {}).setdefault(category, {})[value] = n
    for client_id, by_category in asked.items():
        of(client_id)["asked"] = {cat: _top(by_category[cat], TOP_ASKED)
                                  for cat in ASKED if cat in by_category}
    for row in await repo.terms(now, months):
        of(row["client_id"]).update({
            "per_month": [int(row[f"m{i}"]) for i in range(len(months))],
            "rate": [_round(row["rate_low"]), _round(row["rate_median"]),
                     _round(row["rate_high"]), int(row["rated"])] if row["rated"] else None,
            "duration": [_round(row["duration"], 1), int(row["durations"])]
            if row["durations"] else None,
            "headcount": [_round(row["headcount"], 1), int(row["headcounts"])]
            if row["headcounts"] else None,
        })
    channels: dict[int, dict[str, int]] = {}
    for client_id, name, n in await repo.channels(now):
        channels.setdefault(client_id, {})[name] = n
    for client_id, by_name in channels.items():
        of(client_id)["channels"] = _top(by_name, TOP_CHANNELS)
    for row in await repo.outcomes(now):
        of(row["client_id"]).update({
            "outcomes": {k: int(row[k]) for k in ("taken", "proposed", "interviews", "won",
                                                   "lost")},
            "response_s": _round(row["response_s"]), "answered": int(row["answered"]),
        })
    return found
