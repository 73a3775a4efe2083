"""The nightly recompute's reads and writes: per-client aggregates over cards, states; never
commits. One GROUP BY over the cards feeds every client at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Client, ClientState, RequestCard, Task, User

HOURS_PER_MONTH = 168
DEFAULT_MONTHS = 3.0


class ClientStatsRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def histories(self, now: datetime, recent_days: int) -> list[dict[str, Any]]:
        """One row per client with requests: counts, first/last/previous, value, top role, and
        what was stored last night (to see transitions) with the owner's language."""
        c = RequestCard
        since = now - timedelta(days=recent_days)
        rate = sa.func.coalesce((c.rate_rub_hour_min + c.rate_rub_hour_max) / 2,
                                c.rate_rub_hour_min, c.rate_rub_hour_max)
        value = (rate * HOURS_PER_MONTH * sa.func.coalesce(c.headcount, 1)
                 * sa.func.coalesce(c.duration_months, DEFAULT_MONTHS))
        seen = sa.select(c.client_id, c.first_seen_at, c.roles[1].label("role"), value.label("v")
                         ).where(c.client_id.is_not(None), c.kind == "request",
                                 c.first_seen_at <= now).subquery()
        per_client = (
            sa.select(
                seen.c.client_id, sa.func.count().label("requests"),
                sa.func.min(seen.c.first_seen_at).label("first_at"),
                sa.func.max(seen.c.first_seen_at).label("last_at"),
                sa.func.array_agg(aggregate_order_by(seen.c.first_seen_at,
                                                     seen.c.first_seen_at.desc()))[2]
                .label("previous_at"),
                sa.func.count().filter(seen.c.first_seen_at >= since).label("recent"),
                sa.func.coalesce(sa.func.sum(seen.c.v), 0).label("value"),
                sa.func.mode().within_group(seen.c.role).filter(seen.c.first_seen_at >= since)
                .label("top_role"),
            ).group_by(seen.c.client_id).subquery()
        )
        top_recent = (
            sa.select(sa.func.count()).select_from(c)
            .where(c.client_id == per_client.c.client_id, c.kind == "request",
                   c.first_seen_at >= since, c.first_seen_at <= now,
                   c.roles[1] == per_client.c.top_role)
            .scalar_subquery()
        )
        query = (
            sa.select(per_client, top_recent.label("top_role_recent"), Client.owner_user_id,
                      Client.name, Client.lifecycle, Client.at_risk, User.language)
            .join(Client, Client.id == per_client.c.client_id)
            .outerjoin(User, User.id == Client.owner_user_id)
            .where(Client.merged_into_id.is_(None))
        )
        return [dict(r._mapping) for r in (await self.session.execute(query)).all()]

    async def save(self, changes: Sequence[dict[str, Any]], now: datetime) -> None:
        """Stores the new states and one history row per change."""
        if not changes:
            return
        await self.session.execute(
            sa.update(Client).execution_options(synchronize_session=False),
            [{"id": ch["client_id"], "lifecycle": ch["lifecycle"], "segment": ch["segment"],
              "at_risk": ch["at_risk"], "churn_risk": ch["churn_risk"], "stats": ch["stats"],
              "computed_at": now} for ch in changes],
        )
        history = [
            {"client_id": ch["client_id"], "lifecycle": ch["lifecycle"], "segment": ch["segment"],
             "at_risk": ch["at_risk"], "churn_risk": ch["churn_risk"],
             "reason": ch["reason"], "computed_at": now}
            for ch in changes if ch["transition"]
        ]
        if history:
            await self.session.execute(sa.insert(ClientState), history)

    async def label_counts(self, now: datetime) -> list[tuple[int, str, int]]:
        """(client, "category:value", requests) over every client's requests: one pass per
        label column, the input of "clients like this one also needed"."""
        c = RequestCard
        found: list[tuple[int, str, int]] = []
        for category, column in (("role", c.roles), ("stack", c.stack), ("grade", c.grades),
                                 ("format", c.formats), ("employment", c.employment)):
            value = sa.func.unnest(column).label("v")
            inner = (sa.select(c.client_id, value)
                     .where(c.client_id.is_not(None), c.kind == "request",
                            c.first_seen_at <= now).subquery())
            query = (sa.select(inner.c.client_id, inner.c.v, sa.func.count())
                     .group_by(inner.c.client_id, inner.c.v))
            found += [(cid, f"{category}:{v}", n)
                      for cid, v, n in (await self.session.execute(query)).all()]
        return found

    async def add_tasks(self, tasks: Sequence[dict[str, Any]]) -> None:
        if tasks:
            await self.session.execute(sa.insert(Task), list(tasks))

    async def history(self, client_id: int, limit: int = 20) -> list[ClientState]:
        query = (sa.select(ClientState).where(ClientState.client_id == client_id)
                 .order_by(ClientState.computed_at.desc(), ClientState.id.desc()).limit(limit))
        return list(await self.session.scalars(query))
