"""Operations queries: channels, our response time and the sales pipeline."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.facets import Facets
from analytics.records import (
    RESPONSE_BUCKETS,
    ChannelRow,
    Channels,
    ChartFilters,
    Pipeline,
    Response,
    ResponseRow,
    StageRow,
    Window,
)
from analytics.selection import card_conditions, filter_conditions
from db.models import Post, RequestCard, RequestSource, Source, StageChange, Team, User
from db.models.enums import STAGES
from db.records.users import UserRecord
from db.repositories.feed import scope_conditions

TOP_CHANNELS = 12
TOP_MANAGERS = 8
TOP_LOST_REASONS = 6
# Upper bounds of RESPONSE_BUCKETS in seconds (the last two are "longer" and "never").
RESPONSE_LIMITS = (15 * 60, 3600, 4 * 3600, 24 * 3600)


async def channels(
    session: AsyncSession, viewer: UserRecord, window: Window, filters: ChartFilters,
    facets: Facets, top: int = TOP_CHANNELS,
) -> Channels:
    """Per source: posts, requests, cross-posts, first-to-post and the last post's time."""
    s, p, rs, c = Source, Post, RequestSource, RequestCard
    source_where: list[sa.ColumnElement[bool]] = []
    if not viewer.is_admin and viewer.scope_source_ids is not None:
        source_where.append(s.id.in_(viewer.scope_source_ids))
    if filters.source_ids:
        source_where.append(s.id.in_(filters.source_ids))
    posts = (
        sa.select(p.source_id, sa.func.count().label("posts"))
        .where(p.posted_at >= window.start, p.posted_at < window.end, p.deleted_at.is_(None))
        .group_by(p.source_id).subquery()
    )
    # One primary-key probe per request post of the period: as a plain join the planner hashes
    # all 1,000,000 cards (0.6 s); OFFSET 0 keeps the subquery a per-row lookup (0.26 s).
    card = (
        sa.select(c.source_count, c.first_seen_at)
        .where(c.id == rs.request_id, c.kind == "request", *filter_conditions(filters),
               *scope_conditions(viewer))
        .offset(0).lateral("card")
    )
    requests = (
        sa.select(
            # Posts, not items: a digest post with five requests is one request post.
            rs.source_id, sa.func.count(sa.distinct(rs.post_id)).label("requests"),
            sa.func.count(sa.distinct(rs.post_id)).filter(card.c.source_count > 1)
            .label("cross"),
            sa.func.count(sa.distinct(rs.request_id))
            .filter(rs.posted_at <= card.c.first_seen_at).label("first"),
        )
        .select_from(rs).join(card, sa.true())
        .where(rs.posted_at >= window.start, rs.posted_at < window.end)
        .group_by(rs.source_id).subquery()
    )
    last = (  # one index probe per source (ix_posts_source_posted), not a scan of all posts
        sa.select(p.posted_at.label("last")).where(p.source_id == s.id, p.posted_at < window.end)
        .order_by(p.posted_at.desc()).limit(1).lateral("last_post")
    )
    query = (
        sa.select(
            s.id, sa.func.coalesce(s.title, s.username, s.ref),
            sa.func.coalesce(posts.c.posts, 0), sa.func.coalesce(requests.c.requests, 0),
            sa.func.coalesce(requests.c.cross, 0), sa.func.coalesce(requests.c.first, 0),
            last.c.last,
        )
        .outerjoin(posts, posts.c.source_id == s.id)
        .outerjoin(requests, requests.c.source_id == s.id)
        .outerjoin(last, sa.true())
        .where(s.enabled.is_(True), *source_where)
        .order_by(sa.func.coalesce(posts.c.posts, 0).desc(), s.id).limit(top)
    )
    rows = tuple(
        ChannelRow(int(i), str(n), int(a), int(b), int(x), int(f), at)
        for i, n, a, b, x, f, at in (await session.execute(query)).all()
    )
    return Channels(rows, window.end)


def _response_bucket(delay: Any) -> Any:
    seconds = sa.func.extract("epoch", delay)
    whens = [(seconds < limit, index) for index, limit in enumerate(RESPONSE_LIMITS)]
    return sa.case((delay.is_(None), len(RESPONSE_BUCKETS) - 1), *whens,
                   else_=len(RESPONSE_LIMITS))


async def response(
    session: AsyncSession, viewer: UserRecord, window: Window, filters: ChartFilters,
    facets: Facets | None = None, top: int = TOP_MANAGERS,
) -> Response:
    """Time from a request's first appearance to the first stage move a person made. Counts
    nothing the facets count (reports runs it before them, `facets` is not read)."""
    c, sc = RequestCard, StageChange
    first = (
        sa.select(sc.user_id, sc.created_at).where(sc.request_id == c.id, sc.user_id.is_not(None))
        .order_by(sc.created_at).limit(1).lateral("first_action")
    )
    # Counted per (bucket, manager, card team) first, then named: the joins to users and teams
    # run over a few hundred groups, not once per card.
    delay_bucket = _response_bucket(first.c.created_at - c.first_seen_at).label("bucket")
    delays = (
        sa.select(delay_bucket, first.c.user_id, c.team_id, sa.func.count().label("cards"))
        .select_from(c).outerjoin(first, sa.true())
        .where(*card_conditions(viewer, filters, window.start, window.end))
        .group_by(delay_bucket, first.c.user_id, c.team_id).subquery()
    )
    team_id = sa.func.coalesce(User.team_id, delays.c.team_id).label("team")
    query = (
        sa.select(delays.c.bucket, delays.c.user_id, User.first_name, team_id, Team.name,
                  sa.cast(sa.func.sum(delays.c.cards), sa.BigInteger))
        .select_from(delays).outerjoin(User, User.id == delays.c.user_id)
        .outerjoin(Team, Team.id == team_id)
        .group_by(delays.c.bucket, delays.c.user_id, User.first_name, team_id, Team.name)
    )
    everyone = [0] * len(RESPONSE_BUCKETS)
    teams: dict[str, list[int]] = {}
    managers: dict[str, list[int]] = {}
    for index, user_id, first_name, _, team_name, count in (await session.execute(query)).all():
        everyone[index] += count
        if team_name is not None:
            teams.setdefault(team_name, [0] * len(RESPONSE_BUCKETS))[index] += count
        if user_id is not None:
            managers.setdefault(first_name or f"#{user_id}", [0] * len(RESPONSE_BUCKETS))[
                index] += count
    rows = [ResponseRow("", "all", tuple(everyone))] if sum(everyone) else []
    rows += [ResponseRow(n, "team", tuple(b)) for n, b in sorted(teams.items())]
    busiest = sorted(managers.items(), key=lambda kv: (-sum(kv[1]), kv[0]))[:top]
    rows += [ResponseRow(n, "manager", tuple(b)) for n, b in busiest]
    return Response(tuple(rows))


async def pipeline(
    session: AsyncSession, viewer: UserRecord, window: Window, filters: ChartFilters,
    facets: Facets,
) -> Pipeline:
    """Stages of the requests that appeared in the period: now, ever reached, time spent."""
    c, sc = RequestCard, StageChange
    where = card_conditions(viewer, filters, window.start, window.end)
    now_rows = {s.name: s.count for s in facets.counted("stage")}
    # Each card's moves by one probe of ix_stage_changes_request, in time order, so the window
    # runs per card: as `request_id IN (the period's cards)` the planner hashed the cards and
    # read every stage change there is (0.165 -> 0.06 s of CPU at 1,000,000 cards).
    moves = (
        sa.select(sc.to_stage.label("stage"),
                  (sa.func.lead(sc.created_at).over(order_by=sc.created_at) - sc.created_at)
                  .label("spent"))
        .where(sc.request_id == c.id).lateral("moves")
    )
    hours = sa.func.extract("epoch", moves.c.spent) / 3600
    stage_rows = {
        stage: (int(reached), float(median) if median is not None else None)
        for stage, reached, median in (await session.execute(
            sa.select(moves.c.stage, sa.func.count(sa.distinct(c.id)),
                      sa.func.percentile_cont(0.5).within_group(hours))
            .select_from(c).join(moves, sa.true()).where(*where).group_by(moves.c.stage)
        )).all()
    }
    total = sum(int(v) for v in now_rows.values())
    stages = []
    for stage in STAGES:
        reached, median = stage_rows.get(stage, (0, None))
        if stage == "new":
            reached = total  # every card starts new; only later moves are recorded
        stages.append(StageRow(stage, int(now_rows.get(stage, 0)), reached, median))
    reasons = facets.counted("lost")[:TOP_LOST_REASONS]
    return Pipeline(
        total=total, stages=tuple(stages), won=int(now_rows.get("won", 0)),
        lost=int(now_rows.get("lost", 0)),
        lost_reasons=reasons,
    )
