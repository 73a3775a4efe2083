"""The matcher's copy of the active saved searches and their owners.

At 100× load one matcher pass read 2,500 searches with their owners (0.2–0.6 s) to match a few
new cards, and passes came back to back, starving the delivery loops that share the bot's event
loop (bench/peak_hour.py). Only the ids are read each pass now; the rows are re-read when that
set changes (a search added, paused or deleted, an owner deactivated) or grow older than
`max_age`. Filters never change in place (a search is replaced, not edited), and what an
older owner row might miss is checked again when the push is sent (crm.outbox_claim.load_due).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from db.records.searches import SavedSearchRecord
from db.records.users import UserRecord
from db.repositories.searches import SearchRepo

OWNER_MAX_AGE_SECONDS = 60.0
Active = list[tuple[SavedSearchRecord, UserRecord]]


class ActiveSearches:
    def __init__(
        self, max_age: float = OWNER_MAX_AGE_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._max_age, self._clock = max_age, clock
        self._ids: list[int] | None = None
        self._rows: Active = []
        self._loaded_at = 0.0

    async def get(self, repo: SearchRepo) -> Active:
        ids = await repo.active_ids()
        if ids != self._ids or self._clock() - self._loaded_at > self._max_age:
            self._rows = await repo.active_with_owners()
            # The ids of what was read, not of the cheap query: a change between the two
            # queries is seen as a change on the next pass.
            self._ids = [search.id for search, _ in self._rows]
            self._loaded_at = self._clock()
        return self._rows
