"""The matching pre-filter: active bench developers sharing the request's stack (GIN `&&`),
handed over best-first by a per-row upper bound of the score, so crm scores few of them."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BenchDeveloper
from db.records.bench import BenchCandidate, CandidateChunk, ScoreBound
from db.repositories.bench import overlaps

# NullType: arrays come back as the driver's lists, skipping SQLAlchemy's per-item result
# processing (most of the fetch time at 10,000 rows).
_RAW = sa.types.NullType()
# A hair of slack: float sums in SQL and Python may round apart, and this is a bound.
_SLACK = 1e-6


def bound_sql(bound: ScoreBound) -> sa.ColumnElement[float]:
    """Stack, grade and availability as the score counts them; rate and format at best."""
    b = BenchDeveloper
    hits = [sa.cast(sa.cast(overlaps(b.stack, names), sa.Integer), sa.Float)
            for names in bound.spellings]
    stack = sa.literal(bound.stack_base, sa.Float) + bound.per_item * sum(hits, sa.literal(0.0))
    grade = sa.case(dict(bound.grade_parts), value=b.grade, else_=bound.grade_unknown)
    late = sa.func.greatest(0, sa.func.coalesce(b.available_from - bound.start, 0))
    available = bound.availability_weight * sa.func.greatest(
        0.0, 1.0 - sa.cast(late, sa.Float) * sa.literal(1.0 / bound.horizon_days, sa.Float)
    )
    return stack + grade + available + bound.rest + _SLACK


class BenchMatchRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def ranked_candidates(
        self, bound: ScoreBound, roles: Sequence[str], chunk: int
    ) -> AsyncGenerator[CandidateChunk, None]:
        """Chunks of candidates, each with the highest bound any unread candidate has.

        First those having every stack item (GIN bitmap AND: usually a few rows, and usually
        where the top is), then the others sharing at least one, or, for a request without
        stack, those sharing a role. Server-side cursors: the caller stops reading once the
        ceiling drops below its top, so the rest never crosses the wire. Close the generator
        with contextlib.aclosing.
        """
        b = BenchDeveloper
        wanted = [overlaps(b.stack, names) for names in bound.spellings]
        if not wanted:
            async for found in self._stream(bound, [overlaps(b.roles, roles)], chunk, 0.0):
                yield found
            return
        others = bound.ceiling_without_all_items() + _SLACK
        async for found in self._stream(bound, wanted, chunk, others):
            yield found
        if len(wanted) > 1:
            some = [sa.or_(*wanted), sa.not_(sa.and_(*wanted))]
            async for found in self._stream(bound, some, chunk, 0.0):
                yield found

    async def _stream(
        self, bound: ScoreBound, where: list[sa.ColumnElement[bool]], chunk: int, floor: float
    ) -> AsyncGenerator[CandidateChunk, None]:
        b = BenchDeveloper
        query = (
            sa.select(
                b.id, b.name, sa.type_coerce(b.roles, _RAW), sa.type_coerce(b.stack, _RAW),
                b.grade, b.rate_rub_hour, b.available_from, sa.type_coerce(b.formats, _RAW),
                bound_sql(bound).label("bound"),
            )
            .where(b.active.is_(True), *where)
            .order_by(sa.desc("bound"), b.id)
            .execution_options(yield_per=chunk)
        )
        result = await self.session.stream(query)
        try:
            async for rows in result.partitions(chunk):
                found = [BenchCandidate._make(row) for row in rows]
                yield CandidateChunk(found, max(found[-1].bound, floor))
        finally:
            await result.close()
