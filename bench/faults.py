"""`make faults`: the fault suite. Real posts replayed to 50 managers with 200 saved searches
while every long-running process is SIGKILLed at random moments and restarted, PostgreSQL and
Redis are each restarted mid-run, the sandbox Bot API answers 429 storms, 5xx, hangs past the
client's timeout and 403, and SMTP is down for a stretch. It then checks that posts were
stored once, pushes delivered once per (search, channel) apart from the counted
send-then-crash window, nothing is stuck, and how long each process took to recover.

Its own PostgreSQL cluster and redis-server (bench/fault_services.py); never the machine's.

    .venv/bin/python -m bench.faults [--managers 50 --searches 200 --posts 1200 --kills 20
                                      --duration 240] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.common import RESULTS, ROOT, Figure, require_shared, write_results
from bench.fault_plan import build_world, progress, run_faults
from bench.fault_procs_supervisor import Supervised, now
from bench.fault_report import markdown_table, outcome, percentile, recovery_times
from bench.fault_services import OwnPostgres, OwnRedis, OwnSmtp, scratch_dir
from db import migrate
from db.admin import create_database
from db.engine import make_engine, make_session_factory
from sandbox.emulator import BotApiEmulator

TOKEN = "123456:FAULTS-suite"
PUSH_PREFIX = "🔔 Новый запрос по поиску"
DRAIN_SECONDS = 300.0


@dataclass(frozen=True)
class Config:
    managers: int
    searches: int
    posts: int
    kills: int
    duration: float
    send_timeout: float
    seed: int


def _subset(records: Path, count: int, into: Path) -> int:
    lines = records.read_text(encoding="utf-8").splitlines()[:count]
    into.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len({(json.loads(x)["chat_id"], json.loads(x)["id"]) for x in lines})


def _processes(root: Path, url: str, redis_url: str, api: str, smtp_port: int,
               records: Path, cfg: Config) -> list[Supervised]:
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": redis_url, "BOT_TOKEN": TOKEN,
           "BOT_API_BASE": api, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port),
           "BOT_SEND_TIMEOUT_SECONDS": str(cfg.send_timeout), "BOT_DELIVERY_WORKERS": "8",
           "LOG_LEVEL": "INFO", "HEALTH_PORT": "0"}
    py = sys.executable
    return [
        Supervised("collector", [py, "-m", "bench.fault_procs", "collector", "--database-url",
                                 url, "--redis-url", redis_url, "--records", str(records)],
                   env, root / "collector.log"),
        Supervised("classify", [py, "-m", "bench.fault_procs", "classify", "--database-url",
                                url, "--redis-url", redis_url], env, root / "classify.log"),
        Supervised("bot", [py, "-m", "scripts.radar", "bot", "run"], env, root / "bot.log"),
    ]


async def _kill_randomly(proc: Supervised, cfg: Config, rng: random.Random, t0: float) -> None:
    gap = cfg.duration / max(cfg.kills, 1)
    for _ in range(cfg.kills):
        await asyncio.sleep(rng.uniform(0.3, 1.7) * gap)
        proc.kill(now() - t0)


async def _watch(procs: list[Supervised], stop: asyncio.Event) -> None:
    while not stop.is_set():
        for proc in procs:
            proc.watch()
        await asyncio.sleep(0.2)


async def _main(cfg: Config) -> int:
    records = require_shared("tg_jobs_wudmc/records.jsonl")
    root = scratch_dir()
    pg, redis_server = OwnPostgres(root), OwnRedis()
    pg.init()
    pg.start()
    redis_server.start()
    smtp = OwnSmtp()
    smtp.start()
    emu = BotApiEmulator(token=TOKEN, bot_username="radar_bot")
    await emu.start()
    url = await create_database(pg.admin_url, prefix="radar_faults")
    await asyncio.to_thread(migrate.upgrade, url)
    engine = make_engine(url, pool_size=4)
    factory = make_session_factory(engine)
    rng = random.Random(cfg.seed)
    procs: list[Supervised] = []
    try:
        expected = _subset(records, cfg.posts, root / "records.jsonl")
        managers = await build_world(factory, emu, cfg.managers, cfg.searches, rng)
        procs = _processes(root, url, redis_server.url, emu.base_url, smtp.port,
                           root / "records.jsonl", cfg)
        for proc in procs:
            proc.start()
        t0, stop = now(), asyncio.Event()
        timeline: list[tuple[float, dict[str, int]]] = []
        watcher = asyncio.create_task(_watch(procs, stop))
        sampler = asyncio.create_task(
            progress(factory, emu, smtp, timeline, t0, stop, PUSH_PREFIX, expected))
        killers = [asyncio.create_task(_kill_randomly(p, cfg, rng, t0)) for p in procs]
        faults = await run_faults(cfg.duration, t0, pg, redis_server, smtp, emu, managers,
                                  cfg.send_timeout)
        await asyncio.gather(*killers)
        emu.clear_faults()
        drained_at = await _drain(factory, procs, t0, expected)
        stop.set()
        await asyncio.gather(watcher, sampler)
        for proc in procs:
            proc.stop()
        smtp_mails = list(smtp.handler.messages)
        result = await outcome(factory, expected, emu.calls, smtp_mails, faults.excluded_tg,
                               PUSH_PREFIX)
        return _report(cfg, result, procs, faults, timeline, drained_at)
    finally:
        # Every step on its own: one failing cleanup must not leave a server running.
        for cleanup in (*(p.stop for p in procs), smtp.stop, redis_server.close, pg.stop):
            with contextlib.suppress(Exception):
                cleanup()
        with contextlib.suppress(Exception):
            await engine.dispose()
            await emu.stop()
        # The processes' logs are kept (var/ is git-ignored) for a look after a failed run.
        logs = ROOT / "var" / "faults"
        logs.mkdir(parents=True, exist_ok=True)
        for log in root.glob("*.log"):
            with contextlib.suppress(OSError):
                shutil.copy(log, logs / log.name)
        shutil.rmtree(root, ignore_errors=True)


async def _drain(
    factory: object, procs: list[Supervised], t0: float, expected: int
) -> float | None:
    from bench.fault_plan import backlog

    deadline = now() + DRAIN_SECONDS
    while now() < deadline:
        for proc in procs:
            proc.watch()
        if await backlog(factory, expected) == 0:
            return now() - t0
        await asyncio.sleep(1.0)
    return None


def _report(cfg: Config, result: object, procs: list[Supervised], faults: object,
            timeline: list[tuple[float, dict[str, int]]], drained_at: float | None) -> int:
    from bench.fault_plan import FaultLog
    from bench.fault_report import FaultTally

    assert isinstance(result, FaultTally) and isinstance(faults, FaultLog)
    metric = {"collector": ("stored", "to_store"), "classify": ("classified", "pending"),
              "bot": ("delivered", "due")}
    rows, figures = [], []
    for proc in procs:
        done, waiting = metric[proc.name]
        events = proc.kill_times + faults.dependency_restarts
        times = recovery_times(timeline, events, done, waiting)
        p50, worst = percentile(times, 0.5), max(times, default=float("nan"))
        rows.append((f"{proc.name}: SIGKILLs / exits on its own",
                     f"{proc.kills} / {proc.self_exits}"))
        rows.append((f"{proc.name}: recovery p50 / max (s, {len(times)} samples)",
                     f"{p50:.1f} / {worst:.1f}"))
        figures += [Figure(f"faults.{proc.name}.kills", proc.kills, "kills", str(cfg.kills)),
                    Figure(f"faults.{proc.name}.self_exits", proc.self_exits, "exits", "0"),
                    Figure(f"faults.{proc.name}.recovery_p50", round(p50, 2), "s", "< 30"),
                    Figure(f"faults.{proc.name}.recovery_max", round(worst, 2), "s", "< 60")]
    crashes = procs[2].kills + faults.maybe_delivered_faults
    duplicates = result.telegram_duplicates + result.email_duplicates
    rows = [
        ("posts stored / expected", f"{result.posts_stored} / {result.posts_expected}"),
        ("posts pending / failed at the end", f"{result.posts_pending} / {result.posts_failed}"),
        ("cards never matched", str(result.cards_unmatched)),
        ("outbox rows by status", json.dumps(result.rows, sort_keys=True)),
        ("pushes lost (telegram + email)", str(result.lost)),
        ("duplicate deliveries (telegram + email)",
         f"{result.telegram_duplicates} + {result.email_duplicates}"),
        ("counted unconfirmed sends", str(result.unconfirmed)),
        ("bot kills + faults that may deliver twice", str(crashes)),
        ("403-cancelled pushes (blocked manager, by design)", str(result.excluded_cancelled)),
        ("drained (s after start)", f"{drained_at:.0f}" if drained_at else "NOT DRAINED"),
        *rows,
    ]
    figures += [
        Figure("faults.posts_lost", result.posts_expected - result.posts_stored, "posts", "0"),
        Figure("faults.pushes_lost", result.lost, "pushes", "0"),
        Figure("faults.duplicates", duplicates, "pushes", f"<= {result.unconfirmed} counted"),
        Figure("faults.unconfirmed", result.unconfirmed, "sends", "counted"),
        Figure("faults.stuck_posts", result.posts_pending, "posts", "0"),
    ]
    write_results("faults", figures)
    table = markdown_table(rows)
    (RESULTS / "faults.md").write_text(
        f"Fault suite: {cfg.managers} managers, {cfg.searches} searches, {cfg.posts} posts, "
        f"{cfg.kills} kills per process, {cfg.duration:.0f} s of faults.\n\n{table}",
        encoding="utf-8")
    print(table)
    ok = (result.lost == 0 and duplicates <= min(result.unconfirmed, crashes)
          and result.cards_unmatched == 0 and result.posts_pending == 0
          and drained_at is not None and all(p.self_exits == 0 for p in procs))
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--managers", type=int, default=50)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--posts", type=int, default=1200)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--duration", type=float, default=240.0)
    parser.add_argument("--send-timeout", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--quick", action="store_true", help="10/40/300 posts, 4 kills, 60 s")
    args = parser.parse_args()
    if args.quick:
        args.managers, args.searches, args.posts, args.kills, args.duration = 10, 40, 300, 4, 60
    cfg = Config(args.managers, args.searches, args.posts, args.kills, args.duration,
                 args.send_timeout, args.seed)
    os.chdir(ROOT)
    return asyncio.run(_main(cfg))


if __name__ == "__main__":
    sys.exit(main())
