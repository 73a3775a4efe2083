"""A day at 100×: 50,000 real-shaped posts (the shared posts replayed, see
bench/load_common.py) stored through the collector's storing path, classified by N
`radar classifier work` processes, made into cards and matched against 500 managers × 5 saved
searches by the bot's matcher.
The figure is the wall time from the first store until every post is classified and every card
matched (goal ≤ 10 min with two workers), with where that time went.

`--scaling 1,2,3` then repeats a smaller run per worker count: what one more worker buys.

Run: .venv/bin/python -m bench.day_load [--posts 50000] [--workers 2] [--scaling 1,2,3]
     .venv/bin/python -m bench.day_load --quick
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import resource
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.common import ADMIN_URL, Figure, require_shared, write_results
from bench.load_common import (
    POSTS_PER_DAY,
    WorkerProcesses,
    add_team,
    backend_pids,
    cpu_seconds,
    fresh_copies,
    load_replay,
)
from bot.delivery.workers import run_matcher
from collector.app import OfflineReader
from collector.intake import HISTORY_BATCH, Collector
from collector.reader import RawMessage
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.uow import UnitOfWork

REDIS_URL = "redis://127.0.0.1:6379/13"
POLL_SECONDS = 0.5
DEADLINE_SECONDS = 1800.0
# Buffer pages touched and rows read by every backend of the run's database: PostgreSQL's work
# in units that do not grow when the machine is busy, unlike its CPU seconds.
_PG_WORK = sa.text("SELECT blks_hit + blks_read, tup_returned + tup_fetched FROM pg_stat_database"
                   " WHERE datname = current_database()")
_PROGRESS = sa.text(
    "SELECT (SELECT count(*) FROM posts WHERE classify_state = 'pending'),"
    " (SELECT count(*) FROM request_cards WHERE matched_at IS NULL),"
    " (SELECT count(*) FROM request_cards), (SELECT count(*) FROM notifications)")


@dataclass(frozen=True)
class DayRun:
    posts: int
    workers: int
    store_s: float
    classified_s: float
    total_s: float
    cards: int
    notifications: int
    worker_rss_mb: float
    left_pending: int
    left_unmatched: int
    cpu: tuple[float, float, float]  # seconds: classify workers, this process, PostgreSQL
    pg_work: tuple[int, int] = (0, 0)  # buffer pages touched, rows read


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _store(collector: Collector, replay_by_chat: dict, posts: list[RawMessage]) -> None:
    # An import's shape: each chat's posts in history batches, chats interleaved.
    by_chat: dict[int, list[RawMessage]] = {}
    for message in posts:
        by_chat.setdefault(message.chat_id, []).append(message)
    chunks = [(chat, ms[i: i + HISTORY_BATCH]) for chat, ms in by_chat.items()
              for i in range(0, len(ms), HISTORY_BATCH)]
    chunks.sort(key=lambda chunk: chunk[1][0].date)
    for chat, chunk in chunks:
        await collector.store(replay_by_chat[chat], chunk, advance=False)


async def one_run(posts: int, workers: int, threads: int, redis_url: str) -> DayRun:
    url = await create_database(ADMIN_URL, prefix="radar_bench_day")
    engine = make_engine(url, pool_size=5)
    redis = Redis.from_url(redis_url)
    stop = asyncio.Event()
    processes = WorkerProcesses(workers, url, redis_url, threads)
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        factory = make_session_factory(engine)
        replay = await load_replay(require_shared("tg_jobs_wudmc/records.jsonl"),
                                   UnitOfWork(factory))
        await add_team(UnitOfWork(factory), require_shared("annotations/train.jsonl"))
        day = fresh_copies(replay, posts, datetime.now(UTC) - timedelta(days=1),
                           timedelta(days=1))
        await processes.start()
        backends_before = cpu_seconds(await backend_pids(engine))
        work_before = await _pg_work(engine)
        workers_before, driver_before = processes.cpu_seconds(), _own_cpu()
        matcher = asyncio.create_task(run_matcher(factory, redis, stop))
        collector = Collector(factory, redis, OfflineReader())
        started = time.perf_counter()
        await _store(collector, replay.by_chat, day)
        stored = time.perf_counter() - started
        classified_at = None
        while time.perf_counter() - started < DEADLINE_SECONDS:
            async with engine.connect() as conn:
                pending, unmatched, cards, notes = (await conn.execute(_PROGRESS)).one()
            if pending == 0 and classified_at is None:
                classified_at = time.perf_counter() - started
            if pending == 0 and unmatched == 0:
                break
            await asyncio.sleep(POLL_SECONDS)
        total = time.perf_counter() - started
        rss = processes.peak_rss_mb()
        # CPU per post does not depend on who else shares the machine; wall time does.
        cpu = (processes.cpu_seconds() - workers_before, _own_cpu() - driver_before,
               cpu_seconds(await backend_pids(engine)) - backends_before)
        # The statistics collector reports a backend's counts when its transaction ends.
        await asyncio.sleep(1.0)
        work = tuple(a - b for a, b in zip(await _pg_work(engine), work_before, strict=True))
    finally:
        stop.set()
        await processes.stop()
        if "matcher" in locals():
            await asyncio.gather(matcher, return_exceptions=True)
        await redis.aclose()
        await engine.dispose()
        await drop_database(ADMIN_URL, url)
    return DayRun(posts, workers, stored, classified_at or float("nan"), total, cards, notes,
                  rss, pending, unmatched, cpu, (work[0], work[1]))


async def _pg_work(engine: AsyncEngine) -> tuple[int, int]:
    async with engine.connect() as conn:
        pages, rows = (await conn.execute(_PG_WORK)).one()
    return int(pages), int(rows)


def _day_figures(run: DayRun) -> list[Figure]:
    done = max(run.posts - run.left_pending, 1)
    return [
        Figure("day_load.posts", float(run.posts), "posts", f"{POSTS_PER_DAY} (a day at 100×)"),
        Figure("day_load.classify_workers", float(run.workers), "processes", "2"),
        Figure("day_load.total", run.total_s, "s", "<= 600 (stored, classified, carded, matched)"),
        Figure("day_load.store_done", run.store_s, "s", "informational"),
        Figure("day_load.classified_done", run.classified_s, "s", "informational"),
        Figure("day_load.matched_after_classified", run.total_s - run.classified_s, "s",
               "informational"),
        Figure("day_load.rate", run.posts / run.total_s, "posts/s", ">= 83.3"),
        Figure("day_load.cards", float(run.cards), "cards", "informational"),
        Figure("day_load.notifications", float(run.notifications), "rows", "informational"),
        Figure("day_load.worker_peak_rss", run.worker_rss_mb, "MiB", "informational"),
        # Per post classified: a run stopped at its deadline has not spent the rest's CPU.
        *(Figure(f"day_load.cpu_ms_per_post.{part}", 1000 * seconds / done, "ms",
                 "informational (load-independent)")
          for part, seconds in zip(("classify_workers", "collector_and_matcher", "postgres"),
                                   run.cpu, strict=True)),
        Figure("day_load.pg_pages_per_post", run.pg_work[0] / done, "buffer pages",
               "informational (load-independent: pages touched)"),
        Figure("day_load.pg_rows_read_per_post", run.pg_work[1] / done, "rows",
               "informational (load-independent)"),
        Figure("day_load.two_dedicated_cores_estimate", 2 * done / sum(run.cpu), "posts/s",
               "informational: 2 cores / CPU per post, nothing else running"),
        Figure("day_load.left_pending", float(run.left_pending), "posts", "0 (else timed out)"),
        Figure("day_load.left_unmatched", float(run.left_unmatched), "cards",
               "0 (else timed out)"),
    ]


async def _main(args: argparse.Namespace) -> None:
    figures: list[Figure] = []
    if args.posts:
        run = await one_run(args.posts, args.workers, args.threads, args.redis_url)
        print(run)
        figures += _day_figures(run)
    for workers in args.scaling:
        run = await one_run(args.scaling_posts, workers, args.threads, args.redis_url)
        print(run)
        figures.append(Figure(f"day_load.scaling.{workers}_workers", run.posts / run.total_s,
                              "posts/s", f"{run.posts} posts, {args.threads} thread(s) each"))
    write_results(args.name, figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=POSTS_PER_DAY)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="CLASSIFIER_THREADS per worker")
    parser.add_argument("--scaling", type=lambda s: [int(x) for x in s.split(",") if x],
                        default=[], help="worker counts for the scaling runs, e.g. 1,2,3")
    parser.add_argument("--scaling-posts", type=int, default=10_000)
    parser.add_argument("--redis-url", default=REDIS_URL)
    parser.add_argument("--name", default="day_load", help="results file name")
    parser.add_argument("--quick", action="store_true", help="3,000 posts, no scaling runs")
    args = parser.parse_args()
    if args.quick:
        args.posts, args.scaling, args.name = 3000, [], "day_load_quick"
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_main(args))


if __name__ == "__main__":
    main()
