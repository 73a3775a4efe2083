"""The seeded database of bench.analytics: 1,000,000 generated cards over a year, seeded once
into a template (minutes) and cloned by every run (seconds)."""

from __future__ import annotations

import asyncio
import hashlib
import time
from typing import Any

import sqlalchemy as sa

from bench.seed_cache import seeded_copy
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory

SOURCES, TEAMS = 60, 10
SEED_SQL = """
INSERT INTO teams (id, name) SELECT t, 'Team ' || t FROM generate_series(1, {teams}) t;
INSERT INTO users (id, tg_user_id, first_name, role, team_id, scope_roles)
SELECT u, 100000 + u, 'Manager ' || u, CASE WHEN u = 1 THEN 'admin' ELSE 'manager' END,
       1 + u % {teams},
       CASE WHEN u % 5 = 0 THEN ARRAY[(ARRAY['backend','frontend','qa','data'])[1 + u % 4]]
            ELSE NULL END
FROM generate_series(1, {managers}) u;
INSERT INTO sources (id, ref, username, title, last_post_at)
SELECT s, '@src' || s, 'src' || s, 'Source ' || s, now() - s * interval '3 hours'
FROM generate_series(1, {sources}) s;
INSERT INTO posts (id, source_id, message_id, text, posted_at, classify_state)
SELECT n, 1 + n % {sources}, n, '', now() - (n::float / {cards}) * interval '365 days', 'done'
FROM generate_series(1, {cards}) n;
INSERT INTO request_cards (id, kind, title, roles, stack, grades, formats,
    rate_rub_hour_min, rate_rub_hour_max, first_seen_at, last_seen_at, source_count, stage,
    owner_user_id, team_id, lost_reason)
SELECT n, CASE WHEN r1 < 0.88 THEN 'request' ELSE 'offer' END, 'Card ' || n,
    ARRAY[(ARRAY['backend','frontend','fullstack','mobile','qa','devops','data','analyst',
                 'pm','design'])[1 + floor(r2 * r2 * 10)::int]],
    ARRAY[(ARRAY['Python','React','Java','Go','JavaScript','TypeScript','PHP','C#','Kotlin',
                 'Swift','Vue.js','Angular','Node.js','Django','1C','Rust'])
          [1 + floor(r3 * r3 * 16)::int],
          (ARRAY['PostgreSQL','Docker','Kubernetes','Redis','Kafka','AWS','Linux','Git'])
          [1 + floor(r4 * 8)::int]],
    ARRAY[(ARRAY['junior','middle','senior','lead'])[1 + floor(r5 * 4)::int]],
    ARRAY[(ARRAY['remote','office','hybrid'])[1 + floor(r6 * r6 * 3)::int]],
    CASE WHEN r7 < 0.5 THEN NULL ELSE 800 + floor(r7 * 3000) END,
    CASE WHEN r7 < 0.5 THEN NULL ELSE 1200 + floor(r7 * 3500) END,
    now() - (n::float / {cards}) * interval '365 days',
    now() - (n::float / {cards}) * interval '365 days',
    CASE WHEN r8 < 0.15 THEN 2 ELSE 1 END,
    CASE WHEN r8 < 0.7 THEN 'new' WHEN r8 < 0.8 THEN 'in_work' WHEN r8 < 0.86 THEN 'proposed'
         WHEN r8 < 0.9 THEN 'interview' WHEN r8 < 0.95 THEN 'won' ELSE 'lost' END,
    CASE WHEN r8 < 0.7 THEN NULL ELSE 2 + n % ({managers} - 1) END,
    CASE WHEN r8 < 0.7 THEN NULL ELSE 1 + (2 + n % ({managers} - 1)) % {teams} END,
    CASE WHEN r8 >= 0.95 THEN (ARRAY['дорого','закрыли сами','нет кандидатов'])
         [1 + n % 3] END
FROM (SELECT n, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
             random() r7, random() r8 FROM generate_series(1, {cards}) n) g;
INSERT INTO request_sources (request_id, post_id, source_id, posted_at)
SELECT c.id, c.id, 1 + c.id % {sources}, c.first_seen_at FROM request_cards c;
INSERT INTO stage_changes (request_id, user_id, from_stage, to_stage, created_at)
SELECT c.id, c.owner_user_id, 'new', 'in_work',
       c.first_seen_at + (random() * random() * 30) * interval '1 hour'
FROM request_cards c WHERE c.owner_user_id IS NOT NULL;
INSERT INTO stage_changes (request_id, user_id, from_stage, to_stage, created_at)
SELECT c.id, c.owner_user_id, 'in_work', c.stage,
       c.first_seen_at + (30 + random() * 100) * interval '1 hour'
FROM request_cards c WHERE c.stage NOT IN ('new', 'in_work');
INSERT INTO bench_developers (name, stack, grade)
SELECT 'Dev ' || d, ARRAY[(ARRAY['Python','React','Java','Go','1C'])[1 + d % 5]],
       (ARRAY['junior','middle','senior','lead'])[1 + d % 4]
FROM generate_series(1, 200) d;
ANALYZE;
"""


async def _seed(factory: Any, cards: int, managers: int) -> None:
    started = time.perf_counter()
    async with factory() as session:
        for statement in SEED_SQL.format(cards=cards, managers=managers, sources=SOURCES,
                                         teams=TEAMS).split(";\n"):
            if statement.strip():
                await session.execute(sa.text(statement))
        await session.commit()
    print(f"seeded {cards} cards in {time.perf_counter() - started:.1f} s", flush=True)


async def _seed_template(admin_url: str, cards: int, managers: int) -> str:
    """A database seeded once, then migrated and cloned by every later run."""
    url = await create_database(admin_url, prefix="radar_bench_analytics_seeding")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        engine = make_engine(url, pool_size=1)
        await _seed(make_session_factory(engine), cards, managers)
        await engine.dispose()
    except BaseException:
        await drop_database(admin_url, url)
        raise
    return url


async def seeded_database(admin_url: str, cards: int, managers: int, fresh: bool) -> str:
    """A migrated, seeded throwaway database. Seeding 1,000,000 cards takes minutes, so the
    seeded database is kept as a template (named by the seed SQL and sizes) and cloned; the
    clone is migrated to head, so a new migration needs no reseed. `fresh` reseeds (the seed's
    timestamps are relative to its own now(), so an old template's newest cards are older)."""
    key = hashlib.sha1(SEED_SQL.encode()).hexdigest()[:8]
    template = f"radar_bench_analytics_seed_{cards}_{managers}_{key}"
    url = await seeded_copy(admin_url, template, "radar_bench_analytics",
                            lambda: _seed_template(admin_url, cards, managers), fresh)
    await asyncio.to_thread(migrate.upgrade, url)
    return url
