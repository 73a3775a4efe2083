"""The feed query on 1,000,000 request cards: typical filter sets, first and later pages,
through crm.feed.page (SQL + sources lookup + records), p50/p95 on a fresh database.

Run: .venv/bin/python -m bench.feed_query [--cards 1000000] [--runs 60]
Writes bench/results/feed_query.json.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import replace
from typing import Any

from bench.common import Figure, run_seeded, write_results
from crm import feed
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.records.feed import FeedFilters
from db.records.users import UserRecord
from db.uow import UnitOfWork

SOURCES = 200
WARMUP = 3
# Server-side generation: a skewed vocabulary (the first items dominate, like real posts).
SEED_SQL = """
INSERT INTO sources (id, ref, username, title)
SELECT s, '@src' || s, 'src' || s, 'Source ' || s FROM generate_series(1, {sources}) s;
INSERT INTO posts (id, source_id, message_id, text, posted_at, permalink, classify_state)
SELECT n, 1 + n % {sources}, n, 'post ' || n, now() - (n::float / {cards}) * interval '90 days',
       'https://t.me/src/' || n, 'done'
FROM generate_series(1, {cards}) n;
INSERT INTO request_cards (id, kind, title, text, roles, stack, grades, formats,
    rate_rub_hour_min, rate_rub_hour_max, first_seen_at, last_seen_at)
SELECT n, CASE WHEN r1 < 0.85 THEN 'request' ELSE 'offer' END, 'Card ' || n, 'text ' || n,
    ARRAY[(ARRAY['backend','frontend','fullstack','mobile','qa','devops','data','analyst',
                 'pm','design'])[1 + floor(r2 * r2 * 10)::int]],
    ARRAY[(ARRAY['Python','React','Java','Go','JavaScript','TypeScript','PHP','C#','Kotlin',
                 'Swift','Vue.js','Angular','Node.js','Django','1C','Rust'])
          [1 + floor(r3 * r3 * 16)::int],
          (ARRAY['PostgreSQL','Docker','Kubernetes','Redis','Kafka','AWS','Linux','Git'])
          [1 + floor(r4 * 8)::int]],
    ARRAY[(ARRAY['junior','middle','senior','lead'])[1 + floor(r5 * 4)::int]],
    ARRAY[(ARRAY['remote','office','hybrid'])[1 + floor(r6 * r6 * 3)::int]],
    CASE WHEN r7 < 0.3 THEN NULL ELSE 800 + floor(r7 * 3000) END,
    CASE WHEN r7 < 0.3 THEN NULL ELSE 1200 + floor(r7 * 3500) END,
    now() - (n::float / {cards}) * interval '90 days',
    now() - (n::float / {cards}) * interval '90 days'
FROM (SELECT n, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
             random() r7 FROM generate_series(1, {cards}) n) g;
INSERT INTO request_sources (request_id, post_id, source_id, posted_at)
SELECT c.id, c.id, 1 + c.id % {sources}, c.first_seen_at FROM request_cards c;
ANALYZE;
"""
SCENARIOS: dict[str, FeedFilters] = {
    "default_7d": FeedFilters(),
    "backend_middle_senior_7d": FeedFilters(roles=("backend",), grades=("middle", "senior")),
    "react_remote_from_1500_30d": FeedFilters(
        stack=("React",), formats=("remote",), rate_min=1500, period_days=30
    ),
    "rare_stack_rust_30d": FeedFilters(stack=("Rust",), period_days=30),
    "qa_lead_office_any_time": FeedFilters(
        roles=("qa",), grades=("lead",), formats=("office",), period_days=None
    ),
}


def viewer(**changes: Any) -> UserRecord:
    base = UserRecord(
        id=1, tg_user_id=1, first_name="Bench", username=None, language="ru", role="manager",
        team_id=None, active=True, email=None, email_enabled=False, timezone="UTC",
        scope_source_ids=None, scope_roles=None, pushes_paused_at=None,
    )
    return replace(base, **changes)


async def _time_pages(uow: UnitOfWork, user: UserRecord, filters: FeedFilters,
                      runs: int, pages: int) -> list[float]:
    timings: list[float] = []
    for run in range(runs + WARMUP):
        cursor = None
        for _ in range(pages):
            started = time.perf_counter()
            page = await feed.page(uow, user, filters, cursor)
            if run >= WARMUP:
                timings.append((time.perf_counter() - started) * 1000)
            cursor = page.next_cursor
            if cursor is None:
                break
    return timings


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def _main(cards: int, runs: int, admin_url: str) -> None:
    url = await create_database(admin_url, prefix="radar_bench_feed")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        engine = make_engine(url, pool_size=2)
        started = time.perf_counter()
        async with engine.begin() as conn:
            for statement in SEED_SQL.format(cards=cards, sources=SOURCES).split(";\n"):
                if statement.strip():
                    await conn.exec_driver_sql(statement)
        seeded = time.perf_counter() - started
        uow = UnitOfWork(make_session_factory(engine))
        scoped = viewer(scope_roles=("frontend", "mobile"), scope_source_ids=tuple(range(1, 41)))
        figures, everything = [], []
        cases = [(name, viewer(), f, 3) for name, f in SCENARIOS.items()]
        cases.append(("scoped_manager_default_7d", scoped, FeedFilters(), 3))
        for name, user, filters, pages in cases:
            timings = await _time_pages(uow, user, filters, runs, pages)
            everything += timings
            figures.append(Figure(f"feed_{name}_p95", _p(timings, 95), "ms", "<= 50 ms"))
        await engine.dispose()
    finally:
        await drop_database(admin_url, url)
    write_results("feed_query", [
        Figure("feed_query_p50", _p(everything, 50), "ms", "informational"),
        Figure("feed_query_p95", _p(everything, 95), "ms", "<= 50 ms"),
        *figures,
        Figure("cards", float(cards), "rows", "1,000,000"),
        Figure("seed_seconds", seeded, "s", "informational"),
    ])


def main() -> None:
    run_seeded(_main, __doc__, cards=1_000_000, runs=60)


if __name__ == "__main__":
    main()
