"""A peak hour at 100×: posts arrive at 10× a 50,000-post day's average rate for ten minutes,
then at the average rate; 500 managers with 5 saved searches each; two classify workers
(`radar classifier work` processes); `radar bot run` with its matcher and two delivery workers
in a process of its own; the sandbox Bot
API enforcing Telegram's limits (30 messages/s overall, 1/s per chat: 429 beyond them).

Figures: post → push p95 (handed to the collector's storing path → sendMessage received), the
outgoing rate the sandbox saw, whether the backlog drains once the burst ends, and where the
time goes per stage (from the rows' own timestamps). The bot runs under bench/peak_trace.py, which
traces each push's claims, its waits at the pacer and its bounces; bench/peak_breakdown.py turns
that into the decomposition of the tail (peak_hour.tail.* beside peak_hour.rest.*: the mean of
each part over the pushes at or past p95, and over the others).

Run: .venv/bin/python -m bench.peak_hour [--burst-seconds 600] [--after-seconds 180]
     .venv/bin/python -m bench.peak_hour --quick
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import tempfile
import time
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from redis.asyncio import Redis

from bench.common import ADMIN_URL, Figure, require_shared, write_results
from bench.load_common import (
    MANAGER_TG_BASE,
    MANAGERS,
    POSTS_PER_DAY,
    WorkerProcesses,
    add_team,
    cpu_seconds,
    fresh_copies,
    load_replay,
    start_bot,
    stop_process,
)
from bench.peak_breakdown import figures as breakdown_figures
from bench.peak_breakdown import pushes as traced_pushes
from bench.peak_stats import Sample, outgoing, push_latencies, queue_depths, stages
from collector.app import OfflineReader
from collector.intake import Collector
from collector.reader import RawMessage
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.uow import UnitOfWork
from sandbox.emulator import BotApiEmulator

REDIS_URL = "redis://127.0.0.1:6379/12"
TOKEN = "123456:BENCH-peak-hour"
AVERAGE_RATE = POSTS_PER_DAY / 86_400
PEAK_FACTOR = 10
DRAIN_LIMIT_SECONDS = 300.0
BOT_START_SECONDS = 120.0


async def _produce(
    collector: Collector, by_chat: dict[int, Any], posts: list[RawMessage], burst: int,
    samples: list[Sample], engine: Any,
) -> tuple[dict[tuple[int, int], float], float]:
    """Hands posts over one at a time on schedule; returns handed times and the burst's end."""
    handed: dict[tuple[int, int], float] = {}
    loop = asyncio.get_running_loop()
    start = loop.time()
    burst_end = 0.0
    sampler = asyncio.create_task(_sample(engine, samples))
    try:
        for n, message in enumerate(posts):
            due = n / (AVERAGE_RATE * PEAK_FACTOR) if n < burst else (
                burst / (AVERAGE_RATE * PEAK_FACTOR) + (n - burst) / AVERAGE_RATE)
            if (delay := start + due - loop.time()) > 0:
                await asyncio.sleep(delay)
            if n == burst:
                burst_end = time.time()
            handed[(message.chat_id, message.message_id)] = time.time()
            live = RawMessage(chat_id=message.chat_id, message_id=message.message_id,
                              date=datetime.now(UTC), text=message.text)
            await collector.store(by_chat[message.chat_id], [live], advance=False)
    finally:
        sampler.cancel()
    return handed, burst_end or time.time()


async def _sample(engine: Any, samples: list[Sample]) -> None:
    while True:
        samples.append(await queue_depths(engine))
        await asyncio.sleep(1.0)


async def _drain(engine: Any, samples: list[Sample]) -> float:
    """Seconds after the last post until nothing waits (classify, match, outbox)."""
    started = time.time()
    while time.time() - started < DRAIN_LIMIT_SECONDS:
        depth = await queue_depths(engine)
        samples.append(depth)
        if depth.empty:
            return time.time() - started
        await asyncio.sleep(0.5)
    return float("nan")


async def _main(args: argparse.Namespace) -> None:
    url = await create_database(ADMIN_URL, prefix="radar_bench_peak")
    engine = make_engine(url, pool_size=10)
    factory = make_session_factory(engine)
    redis = Redis.from_url(args.redis_url)
    emu = BotApiEmulator(token=TOKEN, bot_username="radar_bot", rate_limit_per_chat=1.0,
                         rate_limit_global=30.0)
    processes = WorkerProcesses(args.classify_workers, url, args.redis_url, args.threads)
    bot: asyncio.subprocess.Process | None = None
    samples: list[Sample] = []
    trace = Path(tempfile.mkdtemp(prefix="peak_trace")) / "delivery.jsonl"
    set_up = time.time()
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        await emu.start()
        for n in range(MANAGERS):
            emu.add_user(MANAGER_TG_BASE + n, f"M{n}", language_code="ru")
        await add_team(UnitOfWork(factory), require_shared("annotations/train.jsonl"))
        replay = await load_replay(require_shared("tg_jobs_wudmc/records.jsonl"),
                                   UnitOfWork(factory))
        burst = int(args.burst_seconds * AVERAGE_RATE * PEAK_FACTOR)
        after = int(args.after_seconds * AVERAGE_RATE)
        posts = fresh_copies(replay, burst + after, datetime.now(UTC), timedelta(hours=1))
        await processes.start()
        bot = await start_bot(url, args.redis_url, emu.base_url, TOKEN, args.delivery_workers,
                              entry="bench.peak_trace", extra_env={
                                  "PEAK_TRACE_FILE": str(trace),
                                  **({"PEAK_PROFILE": args.profile} if args.profile else {})})
        await emu.wait_for("getUpdates", lambda _: True, BOT_START_SECONDS, since=0)
        collector = Collector(factory, redis, OfflineReader())
        # CPU from here on: start-up (imports, model load, 500 users' commands) is not per push.
        bot_before, workers_before = cpu_seconds([bot.pid]), processes.cpu_seconds()
        print(f"set-up took {time.time() - set_up:.0f} s; {len(posts)} posts to hand over",
              flush=True)
        handed, burst_end = await _produce(collector, replay.by_chat, posts, burst, samples,
                                           engine)
        drain = await _drain(engine, samples)
        latencies, per_card = await push_latencies(engine, emu, handed)
        stage_figures = await stages(engine, emu, handed)
        traced = await traced_pushes(engine, emu, handed, trace)
        with (trace.parent / "pushes.jsonl").open("w", encoding="utf-8") as dump:
            dump.writelines(json.dumps(asdict(p)) + "\n" for p in traced)
        print(f"delivery trace and per-push parts: {trace.parent}", flush=True)
        rss = processes.peak_rss_mb()
        bot_cpu = cpu_seconds([bot.pid]) - bot_before
        workers_cpu = processes.cpu_seconds() - workers_before
    finally:
        if bot is not None:
            await stop_process(bot)
        await processes.stop()
        await emu.stop()
        await redis.aclose()
        await engine.dispose()
        await drop_database(ADMIN_URL, url)
    rate = outgoing(emu)
    during = [s for s in samples if s.at <= burst_end]
    write_results(args.name, [
        Figure("peak_hour.posts", float(len(handed)), "posts",
               f"{burst} in the burst at {AVERAGE_RATE * PEAK_FACTOR:.2f}/s + {after} after"),
        Figure("peak_hour.push_p50", latencies.p50, "s", "informational"),
        Figure("peak_hour.push_p95", latencies.p95, "s", "<= 2 s"),
        Figure("peak_hour.push_max", latencies.worst, "s", "informational"),
        Figure("peak_hour.pushes", float(latencies.count), "messages",
               f"== {latencies.expected} notifications staged"),
        Figure("peak_hour.pushes_per_card", per_card, "messages", "informational"),
        Figure("peak_hour.out_peak_1s", rate.peak_per_second, "msg/s", "<= 30 (Bot API)"),
        Figure("peak_hour.out_mean_burst", rate.mean_in(during), "msg/s", "informational"),
        Figure("peak_hour.per_chat_min_gap", rate.min_chat_gap, "s", ">= 1 (Bot API, per chat)"),
        Figure("peak_hour.refused_429", float(rate.refused), "responses", "informational"),
        Figure("peak_hour.max_classify_queue", float(max((s.classify for s in during),
                                                         default=0)), "posts", "informational"),
        Figure("peak_hour.max_outbox_queue", float(max((s.outbox for s in during), default=0)),
               "rows", "informational"),
        Figure("peak_hour.drain_after_last_post", drain, "s", "finite (the backlog drains)"),
        Figure("peak_hour.worker_peak_rss", rss, "MiB", "informational"),
        Figure("peak_hour.bot_cpu_ms_per_push", 1000 * bot_cpu / max(latencies.count, 1), "ms",
               "informational: matcher + delivery + polling, per push sent, start-up excluded"),
        Figure("peak_hour.classify_cpu_ms_per_post", 1000 * workers_cpu / max(len(handed), 1),
               "ms", "informational: model + ingest, model load excluded"),
        *stage_figures,
        *breakdown_figures(traced, trace),
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--burst-seconds", type=float, default=600.0)
    parser.add_argument("--after-seconds", type=float, default=180.0)
    parser.add_argument("--classify-workers", type=int, default=2)
    parser.add_argument("--delivery-workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="CLASSIFIER_THREADS per worker")
    parser.add_argument("--redis-url", default=REDIS_URL)
    parser.add_argument("--name", default="peak_hour", help="results file name")
    parser.add_argument("--quick", action="store_true", help="a 60 s burst, 60 s after")
    parser.add_argument("--profile", help="cProfile the bot process into this file (slower)")
    args = parser.parse_args()
    if args.quick:
        args.burst_seconds, args.after_seconds, args.name = 60.0, 60.0, "peak_hour_quick"
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_main(args))


if __name__ == "__main__":
    main()
