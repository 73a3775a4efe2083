"""Free-text search over request cards (PostgreSQL full-text search, Russian configuration).

A search answers the best of the newest `candidates` cards that match and that the viewer may
see. Which plan finds those fast depends on how many cards match, and the planner guesses that
badly: under a LIMIT it walks the whole date index for a word no card has, and without one it
reads the GIN posting lists of common words and the role GIN index of a scoped manager, which
alone costs 50-150 ms at a million cards (EXPLAIN output in bench/text_search.py). So:

1. Walk: read the newest WINDOW cards by the date index (a subquery with a LIMIT, so no
   bitmap of a common word is built) and test words and scope on those rows only. Where
   matches are dense this fills the candidates; where it found some, the density says how
   many more rows would, and a longer walk (up to WALK_LIMIT rows) reads them.
2. Bitmap: otherwise the words are rare among these cards, and the GIN index finds their
   matches (a MATERIALIZED CTE keeps the planner on the bitmaps): in the last 7 days first
   when the walk met some, then in all time; the scope is checked on those matches only.

Either way a pass that stops has the newest `candidates` matches of everything newer than its
bound, so the answer is the one a search of all cards would give. Only candidates are ranked:
ranking every card with a common word would take seconds, and a sales team wants fresh
requests anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.models import HiddenCard, RequestCard
from db.records.feed import CardRecord
from db.records.users import UserRecord
from db.repositories.feed import FeedRepo, card_record, scope_conditions

CONFIG = "russian"
# How many of the newest cards the first walk reads, and the most any walk reads.
WINDOW = 5000
WALK_LIMIT = 20_000
# The first bitmap pass's slice of time, for words a walk met but too rarely. Its date bitmap
# costs a few ms (77,000 entries at 1M cards); a 30-day one cost 57 ms, more than reading
# every match of most words, so the next pass is all time.
RECENT = timedelta(days=7)

Match = tuple[int, datetime, float]  # id, first_seen_at, rank


def _query(words: Sequence[str], *, any_word: bool) -> sa.ColumnElement[object]:
    """A tsquery of the words (each parsed by PostgreSQL itself, so no syntax can leak in)."""
    parts = [sa.func.plainto_tsquery(sa.literal_column(f"'{CONFIG}'::regconfig"), w)
             for w in words]
    query: sa.ColumnElement[object] = parts[0]
    for part in parts[1:]:
        query = query.op("||" if any_word else "&&")(part)
    return query


def _visible(viewer: UserRecord, c: Any) -> list[sa.ColumnElement[bool]]:
    """What the viewer may see and has not hidden, over request_cards or an alias of it."""
    return [*scope_conditions(viewer, c),
            ~sa.exists().where(HiddenCard.request_id == c.id, HiddenCard.user_id == viewer.id)]


def _read() -> tuple[sa.ColumnElement[Any], ...]:
    """The columns the search and the scope read: every byte of a row read is copied."""
    c = RequestCard
    return (c.id, c.first_seen_at, c.search_tsv, c.team_id, c.roles)  # type: ignore[return-value]


class CardSearchRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _newest(
        self, cards: sa.Subquery | sa.CTE, tsquery: sa.ColumnElement[object],
        viewer: UserRecord, candidates: int,
    ) -> list[Match]:
        """The newest `candidates` matches among `cards` (of the columns in READ) that the
        viewer may see. The scope is tested on those rows as they are, no row read twice."""
        card = aliased(RequestCard, cards)
        query = (
            sa.select(card.id, card.first_seen_at, sa.func.ts_rank_cd(card.search_tsv, tsquery))
            .where(card.search_tsv.op("@@")(tsquery), *_visible(viewer, card))
            .order_by(card.first_seen_at.desc(), card.id.desc()).limit(candidates))
        return [(int(i), seen, float(rank))
                for i, seen, rank in (await self.session.execute(query)).all()]

    async def _walk(
        self, tsquery: sa.ColumnElement[object], kinds: Sequence[str], viewer: UserRecord,
        rows: int, candidates: int,
    ) -> list[Match]:
        """Matches among the newest `rows` cards.

        The newest rows are a subquery with a LIMIT, which PostgreSQL neither flattens nor
        pushes conditions into: they are read in date order and filtered, no bitmap built.
        """
        c = RequestCard
        newest = (sa.select(*_read()).where(c.kind.in_(list(kinds)))
                  .order_by(c.first_seen_at.desc(), c.id.desc()).limit(rows))
        return await self._newest(newest.subquery("newest"), tsquery, viewer, candidates)

    async def _bitmaps(
        self, tsquery: sa.ColumnElement[object], kinds: Sequence[str], viewer: UserRecord,
        candidates: int, *, recent_first: bool,
    ) -> list[Match]:
        """Matches found by the GIN index. A MATERIALIZED CTE keeps the planner on the bitmaps
        and keeps the scope out of them: the role GIN bitmap alone costs 50-90 ms."""
        c = RequestCard
        found: list[Match] = []
        for since in (datetime.now(UTC) - RECENT, None) if recent_first else (None,):
            every = sa.select(*_read()).where(c.search_tsv.op("@@")(tsquery),
                                              c.kind.in_(list(kinds)))
            if since is not None:
                every = every.where(c.first_seen_at >= since)
            chosen = every.cte("matching").prefix_with("MATERIALIZED")
            found = await self._newest(chosen, tsquery, viewer, candidates)
            if len(found) >= candidates:
                break
        return found

    async def _candidates(
        self, tsquery: sa.ColumnElement[object], kinds: Sequence[str], viewer: UserRecord,
        candidates: int,
    ) -> list[Match]:
        rows = WINDOW
        while True:
            found = await self._walk(tsquery, kinds, viewer, rows, candidates)
            if len(found) >= candidates:
                return found
            # Rows a longer walk would need at the density seen so far (none seen: too many).
            # A walk that read every card falls through to the bitmaps too: they find the same.
            needed = rows * candidates // len(found) if found else WALK_LIMIT + 1
            if needed > WALK_LIMIT or rows >= WALK_LIMIT:
                # Only when the walk met some are the words common enough for the 7-day
                # bitmap to pay; otherwise all their matches cost less than a date bitmap.
                return await self._bitmaps(tsquery, kinds, viewer, candidates,
                                           recent_first=bool(found))
            rows = min(WALK_LIMIT, max(needed * 3 // 2, rows * 2))

    async def search(
        self, words: Sequence[str], viewer: UserRecord, *, kinds: Sequence[str],
        candidates: int, limit: int, any_word: bool = False,
    ) -> tuple[list[CardRecord], int]:
        """(the best `limit` of the newest `candidates` matches, how many candidates matched)."""
        if not words:
            return [], 0
        c = RequestCard
        # asyncpg prepares statements, and PostgreSQL may then plan them once for any words.
        await self.session.execute(sa.text("SET LOCAL plan_cache_mode = force_custom_plan"))
        found = await self._candidates(_query(words, any_word=any_word), kinds, viewer,
                                       candidates)
        if not found:
            return [], 0
        best = sorted(found, key=lambda m: (m[2], m[1]), reverse=True)[:limit]
        ids = [m[0] for m in best]
        rows = {r.id: r for r in await self.session.scalars(sa.select(c).where(c.id.in_(ids)))}
        sources = await FeedRepo(self.session).sources_of(ids)
        cards = [card_record(rows[i], sources.get(i, ())) for i in ids if i in rows]
        return cards, len(found)
