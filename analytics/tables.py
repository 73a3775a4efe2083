"""The table behind each chart, as CSV text (UTF-8 with a BOM, so Excel reads Cyrillic)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from analytics.formatting import Translate
from analytics.records import (
    RESPONSE_BUCKETS,
    Channels,
    Pipeline,
    Rates,
    Response,
    RoleGradeDemand,
    StackDemand,
    SupplyDemand,
)


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else round(v, 4) if isinstance(v, float) else v
                         for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cols(t: Translate, *keys: str) -> list[str]:
    return [t(f"csv-{k}") for k in keys]


def demand_stack(data: StackDemand, t: Translate) -> bytes:
    totals = {tr.name: tr for tr in data.trends}
    return _csv(_cols(t, "bucket", "stack", "requests", "period-total", "previous-total"), (
        (p.bucket.date().isoformat(), p.name, p.count, totals[p.name].current,
         totals[p.name].previous) for p in data.series
    ))


def demand_roles(data: RoleGradeDemand, t: Translate) -> bytes:
    rows = [("role", r.name, r.count) for r in data.roles]
    rows += [("grade", g.name, g.count) for g in data.grades]
    return _csv(_cols(t, "dimension", "value", "requests"), rows)


def supply(data: SupplyDemand, t: Translate) -> bytes:
    rows = [(dim, r.name, r.requests, r.offers, r.bench, r.index)
            for dim, group in (("stack", data.stacks), ("grade", data.grades)) for r in group]
    return _csv(_cols(t, "dimension", "value", "requests", "offers", "bench", "index"), rows)


def rates(data: Rates, t: Translate) -> bytes:
    rows: list[Sequence[Any]] = [("", c.name, c.count, c.q1, c.median, c.q3) for c in data.combos]
    rows += [(p.bucket.date().isoformat(), p.name, None, p.q1, p.median, p.q3)
             for p in data.series]
    return _csv(_cols(t, "bucket", "stack-grade", "requests", "q1", "median", "q3"), rows)


def channels(data: Channels, t: Translate) -> bytes:
    return _csv(
        _cols(t, "source", "posts", "requests", "request-share", "cross-posts", "cross-share",
              "first-posts", "last-post"),
        ((r.name, r.posts, r.requests, r.request_share, r.cross_posts, r.cross_share,
          r.first_posts, r.last_post_at.isoformat() if r.last_post_at else None)
         for r in data.rows),
    )


def response(data: Response, t: Translate) -> bytes:
    header = [*_cols(t, "level", "name"), *(t(f"chart-response-{b}") for b in RESPONSE_BUCKETS),
              t("csv-within-hour")]
    return _csv(header, ((r.level, r.name, *r.buckets, r.within_hour_share) for r in data.rows))


def pipeline(data: Pipeline, t: Translate) -> bytes:
    rows: list[Sequence[Any]] = [
        ("stage", s.stage, s.now, s.reached, s.median_hours) for s in data.stages
    ]
    rows += [("lost_reason", r.name, r.count, None, None) for r in data.lost_reasons]
    return _csv(_cols(t, "dimension", "value", "now", "reached", "median-hours"), rows)
