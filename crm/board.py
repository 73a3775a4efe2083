"""The pipeline as a kanban: a column per stage with its totals and first page of cards."""

from __future__ import annotations

from dataclasses import dataclass

from crm.errors import AccessDenied, CrmInputError
from db.models.enums import STAGES
from db.records.board import BoardCardRecord, BoardCursor, BoardFilters, ColumnTotals
from db.records.users import UserRecord
from db.repositories.board import BoardRepo
from db.uow import UnitOfWork

PAGE_SIZE = 30
# Counting stops here: a 1,000,000-card 'new' column costs what a 500-card one does (the
# page shows "500+"); the columns a team works stay below it.
COUNT_CAP = 500


@dataclass(frozen=True)
class Column:
    totals: ColumnTotals
    cards: list[BoardCardRecord]
    next_cursor: BoardCursor | None


def _checked(user: UserRecord, filters: BoardFilters) -> BoardFilters:
    if not user.active:
        raise AccessDenied("inactive")
    # Another team's board is outside a non-admin's scope, whatever the client asks.
    if filters.team_id is not None and not user.is_admin and filters.team_id != user.team_id:
        raise AccessDenied(f"team {filters.team_id}")
    return filters


def _column(totals: ColumnTotals, cards: list[BoardCardRecord], size: int) -> Column:
    more = len(cards) > size
    cards = cards[:size]
    cursor = BoardCursor(cards[-1].stage_changed_at, cards[-1].id) if more and cards else None
    return Column(totals=totals, cards=cards, next_cursor=cursor)


async def board(
    uow: UnitOfWork, user: UserRecord, filters: BoardFilters, size: int = PAGE_SIZE
) -> list[Column]:
    """Every stage's column: its totals and its `size` most recently moved cards."""
    filters = _checked(user, filters)
    async with uow:
        repo = uow.repo(BoardRepo)
        await repo.without_jit()
        await repo.generic_plans()
        totals = await repo.totals(STAGES, filters, user, COUNT_CAP)
        pages = await repo.column_pages(STAGES, filters, user, size + 1)
    return [_column(t, pages[t.stage], size) for t in totals]


async def column_page(
    uow: UnitOfWork, user: UserRecord, stage: str, filters: BoardFilters,
    cursor: BoardCursor, size: int = PAGE_SIZE,
) -> tuple[list[BoardCardRecord], BoardCursor | None]:
    """The next page of one column, below `cursor`."""
    if stage not in STAGES:
        raise CrmInputError("bad_stage", stage)
    filters = _checked(user, filters)
    async with uow:
        await uow.repo(BoardRepo).without_jit()
        pages = await uow.repo(BoardRepo).column_pages((stage,), filters, user, size + 1, cursor)
    cards = pages[stage]
    more = len(cards) > size
    cards = cards[:size]
    return cards, (BoardCursor(cards[-1].stage_changed_at, cards[-1].id) if more else None)
