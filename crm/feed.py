"""The filtered feed: newest visible cards first, keyset pages."""

from __future__ import annotations

from db.records.feed import FeedCursor, FeedFilters, FeedPage
from db.records.users import UserRecord
from db.repositories.feed import FeedRepo
from db.uow import UnitOfWork

PAGE_SIZE = 5
TOP_STACK_DAYS = 30
TOP_STACK_COUNT = 12


async def page(
    uow: UnitOfWork, user: UserRecord, filters: FeedFilters, cursor: FeedCursor | None = None,
    limit: int = PAGE_SIZE,
) -> FeedPage:
    """Cards matching `filters` within the user's scope, minus the ones they hid."""
    async with uow:
        return await uow.repo(FeedRepo).page(filters, user, cursor, limit)


async def top_stacks(uow: UnitOfWork, limit: int = TOP_STACK_COUNT) -> list[str]:
    """The most frequent stack items of the last month: the stack picker's buttons."""
    async with uow:
        return await uow.repo(FeedRepo).top_stacks(TOP_STACK_DAYS, limit)
