from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.records.feed import FeedFilters


@dataclass(frozen=True)
class SavedSearchRecord:
    id: int
    user_id: int
    name: str
    filters: FeedFilters
    phrase: str | None
    paused: bool
    created_at: datetime
    offer_outreach: bool = False  # its pushes carry "Reach out"
