"""Analytics on 1,000,000 generated cards over a year: one manager's full chart set (queries +
drawing, p50/p95) and the weekly digests of 500 managers built and queued.

Run: .venv/bin/python -m bench.analytics [--cards 1000000] [--runs 20] [--managers 500]
Writes bench/results/analytics.json and the plans of the main queries to
bench/results/analytics_explain.txt (the benchmark's notes).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import hashlib
import logging
import os
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from analytics import reports
from analytics.records import Granularity, ReportRequest
from bench.common import ADMIN_URL, RESULTS, Figure, write_results
from bench.seed_cache import seeded_copy
from bot.digests import DigestBuilder
from bot.i18n import Translator
from bot.settings import DigestSettings
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

SOURCES, TEAMS, WARMUP = 60, 10, 2
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


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def _seed(factory: Any, cards: int, managers: int) -> None:
    started = time.perf_counter()
    async with factory() as session:
        for statement in SEED_SQL.format(cards=cards, managers=managers, sources=SOURCES,
                                         teams=TEAMS).split(";\n"):
            if statement.strip():
                await session.execute(sa.text(statement))
        await session.commit()
    print(f"seeded {cards} cards in {time.perf_counter() - started:.1f} s", flush=True)


async def _explain(factory: Any, viewer: Any) -> str:
    """EXPLAIN ANALYZE of every statement one 30-day chart set runs: the benchmark's notes."""
    from sqlalchemy.orm import ORMExecuteState, Session

    seen: list[Any] = []

    def record(state: ORMExecuteState) -> None:
        if state.is_select:  # not the transaction's SET LOCAL
            seen.append(state.statement)

    sa.event.listen(Session, "do_orm_execute", record)
    try:
        await reports.collect(UnitOfWork(factory), viewer, ReportRequest(period_days=30))
    finally:
        sa.event.remove(Session, "do_orm_execute", record)
    plans = []
    async with factory() as session, session.begin():
        for setting in reports.REPORT_SETTINGS:  # as reports.collect runs them
            await session.execute(sa.text(setting))
        for statement in seen:
            try:
                sql = str(statement.compile(dialect=postgresql.dialect(),
                                            compile_kwargs={"literal_binds": True}))
            except Exception as exc:  # a bind that has no literal form: say so, keep going
                plans.append(f"== (not compiled: {exc})")
                continue
            rows = (await session.execute(sa.text("EXPLAIN (ANALYZE, BUFFERS) " + sql))).all()
            plans.append(f"== {sql}\n" + "\n".join(r[0] for r in rows))
    return "\n\n".join(plans)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process on this machine (the PostgreSQL backend serving us)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _chart_set(factory: Any, viewer: Any, days: int, runs: int,
                     split_runs: int = 0) -> dict[str, list[float]]:
    """Wall times of reports.build (the bot's path: each chart drawn while the next query
    runs), and the CPU they took (load-independent): the backend's for the queries, this
    process's for the rest (the drawing and the loop's share of the queries). Then, over
    `split_runs` more, the two halves one after another (collect, then render) for their
    own wall times and the drawing thread's CPU. The factory's engine has one connection, so
    one backend serves every query (its parallel workers, if any, are not counted)."""
    i18n = Translator().pick("ru")
    request = ReportRequest(period_days=days, granularity=Granularity.day)
    took: dict[str, list[float]] = {k: [] for k in ("total", "db_cpu", "python_cpu", "queries",
                                                     "drawing", "drawing_cpu")}
    async with factory() as session:
        backend = int((await session.execute(sa.text("SELECT pg_backend_pid()"))).scalar_one())

    def render(data: reports.ReportData) -> tuple[reports.Report, float]:
        started = time.thread_time()
        return reports.render(data, i18n.get, "ru"), time.thread_time() - started

    for n in range(runs + WARMUP):
        started, cpu, own = time.perf_counter(), _cpu_seconds(backend), time.process_time()
        report = await reports.build(UnitOfWork(factory), viewer, request, i18n.get, "ru")
        done = time.perf_counter()
        assert len(report.charts) == 7 and not report.failed
        if n >= WARMUP:
            took["total"].append(done - started)
            took["db_cpu"].append(_cpu_seconds(backend) - cpu)
            took["python_cpu"].append(time.process_time() - own)
    for _ in range(split_runs):
        started = time.perf_counter()
        data = await reports.collect(UnitOfWork(factory), viewer, request)
        queried = time.perf_counter()
        report, drawing_cpu = await asyncio.to_thread(render, data)
        assert len(report.charts) == 7 and not report.failed
        took["queries"].append(queried - started)
        took["drawing"].append(time.perf_counter() - queried)
        took["drawing_cpu"].append(drawing_cpu)
    return took


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


async def _database(admin_url: str, cards: int, managers: int, fresh: bool) -> str:
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


async def _main(cards: int, runs: int, managers: int, admin_url: str, fresh: bool) -> None:
    url = await _database(admin_url, cards, managers, fresh)
    try:
        engine = make_engine(url, pool_size=4)
        factory = make_session_factory(engine)
        uow = UnitOfWork(factory)
        async with uow:
            viewer = await uow.repo(UserRepo).get(7)  # a manager of team 8, no role limits
        assert viewer is not None
        gc.collect()  # as bot/cli.py does once the bot is built: start-up objects frozen
        gc.freeze()
        one = make_engine(url, pool_size=1)
        loads = [os.getloadavg()[0]]
        month = await _chart_set(make_session_factory(one), viewer, 30, runs,
                                 split_runs=max(3, runs // 4))
        loads.append(os.getloadavg()[0])
        year = await _chart_set(make_session_factory(one), viewer, 365, max(3, runs // 4),
                                split_runs=1)
        await one.dispose()
        loads.append(os.getloadavg()[0])
        notes = await _explain(factory, viewer)
        now = datetime.now(UTC) + timedelta(days=7)
        builder = DigestBuilder(lambda: UnitOfWork(factory), Translator(), DigestSettings())
        started = time.perf_counter()
        result = await builder.run(now)
        digest_seconds = time.perf_counter() - started
        loads.append(os.getloadavg()[0])
        await engine.dispose()
    finally:
        await drop_database(admin_url, url)
    (RESULTS / "analytics_explain.txt").write_text(
        "Shared 2-core machine (several engineers): timings may be pessimistic. Load average "
        f"(1 min) {min(loads):.1f}-{max(loads):.1f} during the run.\n\n" + notes + "\n",
        encoding="utf-8")
    shared = "shared 2-core machine"
    write_results("analytics", [
        Figure("chart_set_30d_p50", statistics.median(month["total"]), "s", "informational"),
        Figure("chart_set_30d_p95", percentile(month["total"], 95), "s", f"<= 1 s ({shared})"),
        Figure("chart_set_30d_queries_p50", statistics.median(month["queries"]), "s",
               "informational: the queries alone (collect), without drawing beside them"),
        Figure("chart_set_30d_drawing_p50", statistics.median(month["drawing"]), "s",
               "informational: the drawing alone (render), after the queries"),
        Figure("chart_set_30d_db_cpu_p50", statistics.median(month["db_cpu"]), "s",
               "informational: PostgreSQL backend CPU per chart set, load-independent"),
        Figure("chart_set_30d_drawing_cpu_p50", statistics.median(month["drawing_cpu"]), "s",
               "informational: drawing thread CPU per chart set, load-independent"),
        Figure("chart_set_30d_python_cpu_p50", statistics.median(month["python_cpu"]), "s",
               "informational: bench process CPU per chart set (drawing + the loop's share of "
               "the queries), load-independent"),
        Figure("load_average_1min_min", min(loads), "load", "informational (2 cores)"),
        Figure("load_average_1min_max", max(loads), "load", "informational (2 cores)"),
        Figure("chart_set_365d_p50", statistics.median(year["total"]), "s", "informational"),
        Figure("chart_set_365d_queries_p50", statistics.median(year["queries"]), "s",
               "informational"),
        Figure("digests_500_build_and_queue", digest_seconds, "s", f"<= 120 s ({shared})"),
        Figure("digests_queued", float(result.queued), "count", f"== {managers}"),
        Figure("cards", float(cards), "count", "1,000,000 over a year"),
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--managers", type=int, default=500)
    parser.add_argument("--admin-url", default=ADMIN_URL)
    parser.add_argument("--fresh", action="store_true", help="reseed the cached template")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_main(args.cards, args.runs, args.managers, args.admin_url, args.fresh))


if __name__ == "__main__":
    main()
