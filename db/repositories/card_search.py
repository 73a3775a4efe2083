"""Free-text search over request cards (PostgreSQL full-text search, Russian configuration).

The newest matching cards are taken first (the feed's date index or the GIN index, whichever
the planner finds cheaper for the words given), then ranked; ranking every match of a common
word over a million cards would cost seconds, and a sales team wants fresh requests anyway.
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

    async def search(
        self, words: Sequence[str], viewer: UserRecord, *, kinds: Sequence[str],
        candidates: int, limit: int, any_word: bool = False,
    ) -> tuple[list[CardRecord], int]:
        """(the best `limit` of the newest `candidates` matches, how many candidates matched)."""
        if not words:
            return [], 0
        c = RequestCard
        # asyncpg prepares statements, and after five runs PostgreSQL may plan them once for
        # any words; but "senior react" wants the date index and "client1234" the GIN one.
        await self.session.execute(sa.text("SET LOCAL plan_cache_mode = force_custom_plan"))
        tsquery = _query(words, any_word=any_word)
        recent = (
            sa.select(c.id, c.first_seen_at, c.search_tsv)
            .where(
                c.search_tsv.op("@@")(tsquery), c.kind.in_(list(kinds)),
                *scope_conditions(viewer),
                ~sa.exists().where(HiddenCard.request_id == c.id,
                                   HiddenCard.user_id == viewer.id),
            )
            .order_by(c.first_seen_at.desc(), c.id.desc()).limit(candidates)
            .subquery()
        )
        rank = sa.func.ts_rank_cd(recent.c.search_tsv, tsquery)
        ranked = sa.select(recent.c.id, sa.func.count().over()).order_by(
            rank.desc(), recent.c.first_seen_at.desc()).limit(limit)
        rows = (await self.session.execute(ranked)).all()
        if not rows:
            return [], 0
        ids = [row[0] for row in rows]
        found = {r.id: r for r in await self.session.scalars(sa.select(c).where(c.id.in_(ids)))}
        sources = await FeedRepo(self.session).sources_of(ids)
        cards = [card_record(found[i], sources.get(i, ())) for i in ids if i in found]
        return cards, int(rows[0][1])
