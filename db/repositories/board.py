"""The kanban's reads: a page of one stage's cards and the per-stage totals, in scope."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RequestCard, User
from db.records.board import BoardCardRecord, BoardCursor, BoardFilters, ColumnTotals
from db.records.users import UserRecord
from db.repositories.feed import TextArray, overlaps, scope_conditions


def _conditions(filters: BoardFilters, viewer: UserRecord) -> list[sa.ColumnElement[bool]]:
    c = RequestCard
    where: list[sa.ColumnElement[bool]] = [c.kind == "request", *scope_conditions(viewer)]
    if filters.owner_id is not None:
        where.append(c.owner_user_id == filters.owner_id)
    if filters.team_id is not None:
        where.append(c.team_id == filters.team_id)
    if filters.stack:
        where.append(_stack_per_row(filters.stack))
    if filters.period_days:
        where.append(c.stage_changed_at >= datetime.now(UTC) - timedelta(days=filters.period_days))
    return where


def _stack_per_row(values: Sequence[str]) -> sa.ColumnElement[bool]:
    """`stack && ARRAY[...]` tested on each row the column's (stage, moved) index walk meets.

    Served by the GIN index, a popular stack (Python: a quarter of 1,000,000 cards) is a
    250,000-entry bitmap PostgreSQL builds and ANDs into every one of the fourteen column
    scans of a board; walking each column newest first and stopping at its LIMIT reads a few
    hundred rows instead. `stack || '{}'` is the same array with the GIN index out of reach.
    """
    column = RequestCard.stack.op("||", return_type=TextArray)(sa.cast([], TextArray))
    return overlaps(column, values)


def _value() -> sa.ColumnElement[Decimal]:
    """rate × headcount of one card in RUB per hour (one person where the post names none)."""
    c = RequestCard
    rate = sa.func.coalesce(c.rate_rub_hour_max, c.rate_rub_hour_min)
    return rate * sa.func.coalesce(c.headcount, 1)


class BoardRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def without_jit(self) -> None:
        """For this transaction: the union of seven column scans looks costly to the planner
        (before their LIMITs), and PostgreSQL would spend longer JIT-compiling it than
        running it."""
        await self.session.execute(sa.text("SET LOCAL jit = off"))

    async def generic_plans(self) -> None:
        """For this transaction (the whole board): the generic plan from the first call. The
        custom plans PostgreSQL makes for a prepared statement's first five calls knew the
        period's date and took a bitmap scan and sort for each small column (240-400 ms for a
        stack-filtered board at 1,000,000 cards, 25-60 ms once the generic plan took over).
        Not for a column's next page: there the cursor's custom plan is the fast one."""
        await self.session.execute(sa.text("SET LOCAL plan_cache_mode = force_generic_plan"))

    async def column_pages(
        self, stages: Sequence[str], filters: BoardFilters, viewer: UserRecord, limit: int,
        cursor: BoardCursor | None = None,
    ) -> dict[str, list[BoardCardRecord]]:
        """Up to `limit` cards of each stage, most recently moved first, in one round trip."""
        c = RequestCard
        where = _conditions(filters, viewer)
        if cursor is not None:
            where.append(sa.tuple_(c.stage_changed_at, c.id)
                         < sa.tuple_(cursor.stage_changed_at, cursor.card_id))
        parts = [
            sa.select(c.id).where(c.stage == stage, *where)
            .order_by(c.stage_changed_at.desc(), c.id.desc()).limit(limit)
            for stage in stages
        ]
        ids = sa.union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
        query = (
            sa.select(c, User.first_name).join(ids, ids.c.id == c.id)
            .outerjoin(User, User.id == c.owner_user_id)
            .order_by(c.stage_changed_at.desc(), c.id.desc())
        )
        found: dict[str, list[BoardCardRecord]] = {stage: [] for stage in stages}
        for row, owner_name in (await self.session.execute(query)).all():
            found[row.stage].append(_record(row, owner_name))
        return found

    async def totals(
        self, stages: Sequence[str], filters: BoardFilters, viewer: UserRecord, cap: int
    ) -> list[ColumnTotals]:
        """Count and value per stage over at most `cap` + 1 cards each, so a huge column
        costs the same as a full one (the answer then says it is capped)."""
        c = RequestCard
        where = _conditions(filters, viewer)
        parts = []
        for stage in stages:
            inner = (
                sa.select(_value().label("value")).where(c.stage == stage, *where)
                .order_by(c.stage_changed_at.desc()).limit(cap + 1).subquery()
            )
            parts.append(sa.select(
                sa.literal(stage).label("stage"), sa.func.count().label("n"),
                sa.func.sum(inner.c.value).label("value"),
            ).select_from(inner))
        rows = (await self.session.execute(sa.union_all(*parts))).all()
        return [
            ColumnTotals(stage=stage, count=min(int(n), cap), capped=int(n) > cap,
                         value_rub_hour=value)
            for stage, n, value in rows
        ]


def _record(row: RequestCard, owner_name: str | None) -> BoardCardRecord:
    return BoardCardRecord(
        id=row.id, title=row.title, stage=row.stage, stack=tuple(row.stack),
        grades=tuple(row.grades), owner_user_id=row.owner_user_id, owner_name=owner_name,
        team_id=row.team_id, stage_changed_at=row.stage_changed_at,
        first_seen_at=row.first_seen_at, rate_rub_hour_min=row.rate_rub_hour_min,
        rate_rub_hour_max=row.rate_rub_hour_max, headcount=row.headcount,
    )
