"""A client's likely next needs from its requests' labels (the recommender does the maths)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from db.records.client_profiles import NeedRecord
from recommender.dictionary import characteristics
from recommender.features import Request
from recommender.serve import recommend


def next_needs(
    requests: Sequence[dict[str, object]], now: datetime | None = None
) -> tuple[str, tuple[NeedRecord, ...]]:
    history = [
        Request(r["first_seen_at"], characteristics(r))  # type: ignore[arg-type]
        for r in requests
    ]
    found = recommend(history, now or datetime.now(UTC))
    return found.source, tuple(NeedRecord(n.category, n.value, n.probability)
                               for n in found.needs)
