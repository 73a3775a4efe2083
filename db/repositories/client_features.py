"""The nightly recompute's reads of a client's history beyond RFM: terms asked (rates,
durations, headcounts, requests per month), channels used, and our outcomes and first-response
time. Each method is one GROUP BY over every client's cards; never commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import RequestCard, RequestSource, Source, StageChange

# How far a card got along the pipeline; "lost" ends a card at any step, so it has no rank.
STAGE_RANK = {"new": 0, "in_work": 1, "proposed": 2, "interview": 3, "offer": 4, "won": 5}


def _requests(now: datetime) -> list[sa.ColumnElement[bool]]:
    c = RequestCard
    return [c.client_id.is_not(None), c.kind == "request", c.first_seen_at <= now]


def _rank(stage: Any) -> Any:
    return sa.case(*[(stage == name, rank) for name, rank in STAGE_RANK.items()], else_=0)


class ClientFeaturesRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def terms(self, now: datetime, months: list[datetime]) -> list[dict[str, Any]]:
        """Per client: requests in each month starting at `months` (oldest first; the last runs
        to `now`), rate range and median (RUB/hour, a card's midpoint), median duration and
        headcount, and how many requests named each."""
        c = RequestCard
        rate = sa.func.coalesce((c.rate_rub_hour_min + c.rate_rub_hour_max) / 2,
                                c.rate_rub_hour_min, c.rate_rub_hour_max)
        median = sa.func.percentile_cont(0.5).within_group
        bounds = [*months[1:], None]
        per_month = [
            sa.func.count().filter(c.first_seen_at >= start,
                                   *([c.first_seen_at < end] if end else [])).label(f"m{i}")
            for i, (start, end) in enumerate(zip(months, bounds, strict=True))
        ]
        query = (
            sa.select(
                c.client_id, *per_month,
                sa.func.min(sa.func.coalesce(c.rate_rub_hour_min, c.rate_rub_hour_max))
                .label("rate_low"),
                sa.func.max(sa.func.coalesce(c.rate_rub_hour_max, c.rate_rub_hour_min))
                .label("rate_high"),
                median(rate).label("rate_median"), sa.func.count(rate).label("rated"),
                median(c.duration_months).label("duration"),
                sa.func.count(c.duration_months).label("durations"),
                median(c.headcount).label("headcount"),
                sa.func.count(c.headcount).label("headcounts"),
            ).where(*_requests(now)).group_by(c.client_id)
        )
        return [dict(r._mapping) for r in (await self.session.execute(query)).all()]

    async def channels(self, now: datetime) -> list[tuple[int, str, int]]:
        """(client, source name, requests seen there) for every client's requests."""
        c, rs, s = RequestCard, RequestSource, Source
        name = sa.func.coalesce(s.title, s.username, s.ref)
        query = (
            sa.select(c.client_id, name, sa.func.count(sa.distinct(c.id)))
            .join(rs, rs.request_id == c.id).join(s, s.id == rs.source_id)
            .where(*_requests(now)).group_by(c.client_id, name)
        )
        rows = (await self.session.execute(query)).all()
        return [(int(i or 0), str(n), int(k)) for i, n, k in rows]  # client_id is not null

    async def outcomes(self, now: datetime) -> list[dict[str, Any]]:
        """Per client: requests we took (in work or further), proposed, took to an interview,
        won and lost, and the median seconds from a card's first_seen_at to the first stage move
        a person made (the response time of /stats, counted over the same cards)."""
        c, sc = RequestCard, StageChange
        moves = (
            sa.select(
                sc.request_id, sa.func.max(_rank(sc.to_stage)).label("reached"),
                sa.func.min(sc.created_at).filter(sc.user_id.is_not(None)).label("first_action"),
            ).where(sc.created_at <= now).group_by(sc.request_id).subquery()
        )
        reached = sa.func.greatest(_rank(c.stage), sa.func.coalesce(moves.c.reached, 0))
        delay = sa.func.extract("epoch", moves.c.first_action - c.first_seen_at)
        query = (
            sa.select(
                c.client_id,
                sa.func.count().filter(reached >= STAGE_RANK["in_work"]).label("taken"),
                sa.func.count().filter(reached >= STAGE_RANK["proposed"]).label("proposed"),
                sa.func.count().filter(reached >= STAGE_RANK["interview"]).label("interviews"),
                sa.func.count().filter(c.stage == "won").label("won"),
                sa.func.count().filter(c.stage == "lost").label("lost"),
                sa.func.percentile_cont(0.5).within_group(delay).label("response_s"),
                sa.func.count(moves.c.first_action).label("answered"),
            )
            .select_from(c).outerjoin(moves, moves.c.request_id == c.id)
            .where(*_requests(now)).group_by(c.client_id)
        )
        return [dict(r._mapping) for r in (await self.session.execute(query)).all()]
