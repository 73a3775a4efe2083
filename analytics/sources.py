"""The sources a viewer may filter charts by: those their scope lets them see."""

from __future__ import annotations

import sqlalchemy as sa

from db.models import Source
from db.records.users import UserRecord
from db.uow import UnitOfWork

MAX_OFFERED = 24


async def visible_sources(
    uow: UnitOfWork, viewer: UserRecord, limit: int = MAX_OFFERED
) -> tuple[tuple[int, str], ...]:
    """(id, name) of enabled sources within the viewer's scope, busiest (latest post) first."""
    query = sa.select(Source.id, sa.func.coalesce(Source.title, Source.username, Source.ref))
    query = query.where(Source.enabled.is_(True))
    if not viewer.is_admin and viewer.scope_source_ids is not None:
        query = query.where(Source.id.in_(viewer.scope_source_ids))
    query = query.order_by(Source.last_post_at.desc().nulls_last(), Source.id).limit(limit)
    async with uow:
        return tuple((int(i), str(n)) for i, n in (await uow.session.execute(query)).all())
