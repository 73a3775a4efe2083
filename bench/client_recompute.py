"""The nightly client recompute for 10,000 clients over 1,000,000 cards (goal ≤ 5 min), and
the client card (crm.client_views.profile) p95 (goal ≤ 100 ms), on a fresh database.

Run: .venv/bin/python -m bench.client_recompute [--clients 10000] [--cards 1000000]
Writes bench/results/client_recompute.json.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time

from bench.common import Figure, run_seeded, write_results
from bench.feed_query import viewer
from crm import client_lifecycle, client_views
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.uow import UnitOfWork

CARD_RUNS = 200
# Clients' request counts are skewed (a few post a lot): client = floor(clients * r^2).
# Each card has a post in one of 20 sources and, past 'new', a manager's move 3 h after it
# appeared: the features' channel and outcome passes read them.
SEED_SQL = """
INSERT INTO users (id, tg_user_id, first_name, role) VALUES (1, 1, 'Bench', 'manager');
INSERT INTO clients (id, name, owner_user_id)
SELECT c, 'Client ' || c, CASE WHEN c % 3 = 0 THEN 1 END FROM generate_series(1, {clients}) c;
INSERT INTO request_cards (kind, title, text, roles, stack, grades, formats, rate_rub_hour_min,
    rate_rub_hour_max, headcount, duration_months, first_seen_at, last_seen_at, client_id, stage)
SELECT 'request', 'Card ' || n, '',
    ARRAY[(ARRAY['backend','frontend','qa','devops','data','mobile'])[1 + floor(r2 * 6)::int]],
    ARRAY['Python'], ARRAY['senior'], ARRAY['remote'],
    CASE WHEN r3 < 0.4 THEN NULL ELSE 1000 + floor(r3 * 3000) END,
    CASE WHEN r3 < 0.4 THEN NULL ELSE 1500 + floor(r3 * 3000) END,
    CASE WHEN r3 < 0.7 THEN NULL ELSE 1 + floor(r3 * 3)::int END, NULL,
    now() - (r4 * interval '400 days'), now() - (r4 * interval '400 days'),
    1 + floor({clients} * r1 * r1)::int,
    (ARRAY['new','in_work','won','lost'])[1 + floor(r2 * 4)::int]
FROM (SELECT n, random() r1, random() r2, random() r3, random() r4
      FROM generate_series(1, {cards}) n) g;
INSERT INTO sources (id, ref, title) SELECT s, '@src' || s, 'Source ' || s
FROM generate_series(1, 20) s;
INSERT INTO posts (source_id, message_id, posted_at)
SELECT 1 + id % 20, id, first_seen_at FROM request_cards;
INSERT INTO request_sources (request_id, post_id, source_id, posted_at)
SELECT message_id, id, source_id, posted_at FROM posts;
INSERT INTO stage_changes (request_id, user_id, from_stage, to_stage, created_at)
SELECT id, 1, 'new', stage, first_seen_at + interval '3 hours' FROM request_cards
WHERE stage <> 'new';
ANALYZE;
"""


async def _main(clients: int, cards: int, admin_url: str) -> None:
    url = await create_database(admin_url, prefix="radar_bench_clients")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        engine = make_engine(url, pool_size=2)
        started = time.perf_counter()
        async with engine.begin() as conn:
            for statement in SEED_SQL.format(cards=cards, clients=clients).split(";\n"):
                if statement.strip():
                    await conn.exec_driver_sql(statement)
        seeded = time.perf_counter() - started
        uow = UnitOfWork(make_session_factory(engine))
        started = time.perf_counter()
        first = await client_lifecycle.recompute(uow)
        nightly = time.perf_counter() - started
        started = time.perf_counter()
        await client_lifecycle.recompute(uow)
        rerun = time.perf_counter() - started
        user, picks = viewer(role="admin"), random.Random(7)
        timings = []
        for _ in range(CARD_RUNS):
            client_id = 1 + int(clients * picks.random() ** 2)
            started = time.perf_counter()
            await client_views.profile(uow, user, client_id)
            timings.append((time.perf_counter() - started) * 1000)
        await engine.dispose()
    finally:
        await drop_database(admin_url, url)
    p95 = statistics.quantiles(timings, n=100, method="inclusive")[94]
    write_results("client_recompute", [
        Figure("clients_nightly_recompute", nightly, "s", "<= 300 s (10k clients, 1M cards)"),
        Figure("clients_recompute_rerun", rerun, "s", "informational"),
        Figure("client_card_p95", p95, "ms", "<= 100 ms"),
        Figure("clients", float(first.clients), "rows", f"{clients}"),
        Figure("client_cards", float(cards), "rows", f"{cards}"),
        Figure("client_tasks_first_night", float(first.tasks), "tasks", "informational"),
        Figure("client_seed_seconds", seeded, "s", "informational"),
    ])


def main() -> None:
    run_seeded(_main, __doc__, clients=10_000, cards=1_000_000)


if __name__ == "__main__":
    main()
