"""Free-text search over request cards (PostgreSQL full-text search, Russian configuration).

Which index serves a search depends on how common its words are, and the planner guesses that
badly under a LIMIT: for a word no card has, it walks the whole date index hoping to meet one.
So the newest WINDOW cards are searched first (a bounded walk of the date index); common words
fill the candidates there. Otherwise the words are rare and the GIN index finds every match
cheaply (a materialized CTE keeps the planner on it). Either way only the newest matches are
ranked: ranking every card with a common word would take seconds, and a sales team wants fresh
requests anyway.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import HiddenCard, RequestCard
from db.records.feed import CardRecord
from db.records.users import UserRecord
from db.repositories.feed import FeedRepo, card_record, scope_conditions

CONFIG = "russian"
# How many of the newest cards the first, bounded pass reads.
WINDOW = 5000


def _query(words: Sequence[str], *, any_word: bool) -> sa.ColumnElement[object]:
    """A tsquery of the words (each parsed by PostgreSQL itself, so no syntax can leak in)."""
    parts = [sa.func.plainto_tsquery(sa.literal_column(f"'{CONFIG}'::regconfig"), w)
             for w in words]
    query: sa.ColumnElement[object] = parts[0]
    for part in parts[1:]:
        query = query.op("||" if any_word else "&&")(part)
    return query


class CardSearchRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _newest_bound(self) -> object | None:
        """first_seen_at of the WINDOW-th newest card (None: there are fewer cards)."""
        c = RequestCard
        return await self.session.scalar(
            sa.select(c.first_seen_at).order_by(c.first_seen_at.desc())
            .offset(WINDOW - 1).limit(1))

    async def _ranked(
        self, tsquery: sa.ColumnElement[object], where: list[sa.ColumnElement[bool]],
        candidates: int, limit: int, *, materialize: bool,
    ) -> list[tuple[int, int]]:
        c = RequestCard
        matching = sa.select(c.id, c.first_seen_at, c.search_tsv).where(
            c.search_tsv.op("@@")(tsquery), *where)
        if materialize:
            every = matching.cte("matching").prefix_with("MATERIALIZED")
            recent = sa.select(every).order_by(every.c.first_seen_at.desc(), every.c.id.desc())
        else:
            recent = matching.order_by(c.first_seen_at.desc(), c.id.desc())
        newest = recent.limit(candidates).subquery()
        rank = sa.func.ts_rank_cd(newest.c.search_tsv, tsquery)
        ranked = sa.select(newest.c.id, sa.func.count().over()).order_by(
            rank.desc(), newest.c.first_seen_at.desc()).limit(limit)
        return [(int(i), int(n)) for i, n in (await self.session.execute(ranked)).all()]

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
        tsquery = _query(words, any_word=any_word)
        where = [c.kind.in_(list(kinds)), *scope_conditions(viewer),
                 ~sa.exists().where(HiddenCard.request_id == c.id,
                                    HiddenCard.user_id == viewer.id)]
        bound = await self._newest_bound()
        rows: list[tuple[int, int]] = []
        if bound is not None:
            rows = await self._ranked(tsquery, [*where, c.first_seen_at >= bound], candidates,
                                      limit, materialize=False)
        if bound is None or not rows or rows[0][1] < candidates:
            rows = await self._ranked(tsquery, where, candidates, limit, materialize=True)
        if not rows:
            return [], 0
        ids = [row[0] for row in rows]
        found = {r.id: r for r in await self.session.scalars(sa.select(c).where(c.id.in_(ids)))}
        sources = await FeedRepo(self.session).sources_of(ids)
        cards = [card_record(found[i], sources.get(i, ())) for i in ids if i in found]
        return cards, int(rows[0][1])
