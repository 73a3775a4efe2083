"""The digest's lists beside its charts: requests a manager's saved searches matched that
nobody took."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from db.models import Notification, RequestCard, SavedSearch
from db.records.users import UserRecord
from db.repositories.feed import scope_conditions
from db.uow import UnitOfWork

UNTAKEN_SHOWN = 5


@dataclass(frozen=True)
class UntakenMatch:
    card_id: int
    title: str
    search_name: str
    first_seen_at: datetime


async def untaken_matches(
    uow: UnitOfWork, viewer: UserRecord, since: datetime, until: datetime,
    limit: int = UNTAKEN_SHOWN,
) -> tuple[tuple[UntakenMatch, ...], int]:
    """Requests of the period pushed to `viewer` by a saved search and still unowned and new,
    newest first, with how many there are in all."""
    n, c = Notification, RequestCard
    where = [
        n.user_id == viewer.id, n.kind == "search_match", n.channel == "telegram",
        c.first_seen_at >= since, c.first_seen_at < until, c.owner_user_id.is_(None),
        c.stage == "new", *scope_conditions(viewer),
    ]
    base = (
        sa.select(c.id, c.title, sa.func.min(SavedSearch.name), c.first_seen_at)
        .select_from(n).join(c, c.id == n.request_id)
        .outerjoin(SavedSearch, SavedSearch.id == n.saved_search_id)
        .where(*where).group_by(c.id, c.title, c.first_seen_at)
    )
    async with uow:
        total = int(await uow.session.scalar(
            sa.select(sa.func.count()).select_from(base.subquery())) or 0)
        rows = (await uow.session.execute(
            base.order_by(c.first_seen_at.desc()).limit(limit))).all()
    return tuple(UntakenMatch(int(i), t, s or "", at) for i, t, s, at in rows), total
