"""Post-to-bench-fit-push latency through the whole real pipeline, with 10,000 developers on
the bench: a post enters the collector's storing path → the classify worker (the product's
classifier) makes a card (CARDS_CHANGED) → the bench-fit matcher scores the bench and fills the
outbox → a delivery worker sends → the sandbox Bot API receives sendMessage. PostgreSQL and
Redis are real; the figures are p50/p95 of (sendMessage received − post handed over).

The bench: one developer fits every request (React and every extra the requests name, grade
and rate unknown: score 0.8); a tenth of the others know React but ask far above any budget,
so the matcher fetches and scores them for every card and rejects them; the rest know other
stacks and never leave the database's index. The digest budget is lifted (BENCH_BURST) so
each fit is pushed alone: a digest is a deliberate wait, not latency. After the run the
matcher alone is timed on the same bench (ms per card): the part of the latency this adds.

Run: .venv/bin/python -m bench.bench_fit_latency [--seconds 300] [--rate 10] [--developers N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import random
import time
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from pydantic import SecretStr
from redis.asyncio import Redis
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.common import Figure, write_results
from bench.push_latency import (
    ADMIN_URL,
    DRAIN_SECONDS,
    EXTRAS,
    MANAGER_TG_ID,
    _NoMail,
    _percentile,
    _produce,
    _received,
)
from bot.app import build_bot
from bot.i18n import Translator
from bot.settings import BotSettings
from bot.workers import Workers
from collector import app as collector_app
from collector.classify_worker import ClassifyWorker
from collector.intake import Collector
from crm import fit_matcher
from crm.fit_settings import FitSettings
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.models import BenchDeveloper, RequestCard
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from sandbox.emulator import BotApiEmulator

REDIS_URL = "redis://127.0.0.1:6379/13"
TOKEN = "123456:BENCH-fit-latency"
BENCH_BURST = 10**6
MATCH_ROUNDS, ROUND_CARDS = 20, 10
OTHER_STACKS = (
    ("Java", "Spring", "PostgreSQL"), ("Python", "Django", "Celery"), ("Go", "gRPC", "Kafka"),
    ("PHP", "Laravel", "MySQL"), ("1C",), ("Swift", "iOS"), ("Kotlin", "Android"),
    ("C#", ".NET", "MS SQL"), ("Vue.js", "Nuxt"), ("Angular", "RxJS"), ("Python", "FastAPI"),
)
GRADES = ("junior", "middle", "senior", "lead")


def bench_rows(count: int, owner_id: int, rng: random.Random) -> list[dict[str, Any]]:
    rows = [{"name": "Catch-all", "stack": ["React", *EXTRAS], "formats": ["remote"],
             "owner_user_id": owner_id}]
    for n in range(1, count):
        far_react = n % 10 == 0
        stack = (["React", *rng.sample(EXTRAS, 2)] if far_react
                 else list(rng.choice(OTHER_STACKS)))
        rate = rng.randrange(9000, 20000, 100) if far_react else rng.randrange(1000, 5000, 100)
        rows.append({"name": f"Dev {n}", "stack": stack, "grade": rng.choice(GRADES),
                     "rate_rub_hour": rate, "formats": ["remote"], "owner_user_id": owner_id})
    return rows


async def _seed(engine: AsyncEngine, developers: int) -> None:
    uow = UnitOfWork(make_session_factory(engine))
    async with uow:
        user = await uow.repo(UserRepo).add(
            tg_user_id=MANAGER_TG_ID, first_name="Anna", username=None, language="ru",
            role="manager",
        )
        rows = bench_rows(developers, user.id, random.Random(21))
        for start in range(0, len(rows), 2000):
            await uow.session.execute(insert(BenchDeveloper), rows[start:start + 2000])
        await uow.commit()
    # A bench in steady state: autovacuum has merged the GIN index's pending list, which a
    # fresh bulk insert leaves behind (it makes each stack lookup ~20× slower).
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.execute(sa.text("VACUUM ANALYZE bench_developers"))


async def _match_alone(engine: AsyncEngine, settings: FitSettings) -> list[float]:
    """The matcher by itself on the same bench: seconds per card of MATCH_ROUNDS batches of
    ROUND_CARDS fresh React requests, the part of the latency this feature adds."""
    factory = make_session_factory(engine)
    rng = random.Random(5)
    per_card = []
    for _ in range(MATCH_ROUNDS):
        now = datetime.now(UTC)
        async with factory() as session:
            session.add_all(RequestCard(
                kind="request", title="bench", roles=["frontend"], formats=["remote"],
                stack=["React", *rng.sample(EXTRAS, 3)], grades=[rng.choice(GRADES)],
                rate_rub_hour_max=Decimal(rng.randrange(1500, 4000, 50)), first_seen_at=now,
                last_seen_at=now,
            ) for _ in range(ROUND_CARDS))
            await session.commit()
        started = time.perf_counter()
        result = await fit_matcher.match_new_cards(UnitOfWork(factory), settings)
        per_card.append((time.perf_counter() - started) / max(result.cards, 1))
    return per_card


async def _main(seconds: float, rate: float, developers: int, admin_url: str,
                redis_url: str) -> None:
    url = await create_database(admin_url, prefix="radar_bench_fit")
    await asyncio.to_thread(migrate.upgrade, url)
    engine = make_engine(url, pool_size=10)
    session_factory = make_session_factory(engine)
    redis = Redis.from_url(redis_url)
    classifier = collector_app.make_classifier()
    emu = BotApiEmulator(token=TOKEN, bot_username="radar_bot")
    await emu.start()
    emu.add_user(MANAGER_TG_ID, "Anna", language_code="ru")
    bot = build_bot(BotSettings(token=SecretStr(TOKEN), api_base=emu.base_url))
    fit_settings = FitSettings.model_construct(burst=BENCH_BURST)
    workers = Workers(bot, session_factory, redis, _NoMail(), Translator(), delivery_workers=2,
                      fit_settings=fit_settings)
    stop = asyncio.Event()
    classify = asyncio.create_task(ClassifyWorker(session_factory, redis, classifier).run(stop))
    collector = Collector(session_factory, redis, collector_app.OfflineReader())
    try:
        await _seed(engine, developers)
        workers.start()
        await asyncio.sleep(0.5)
        handed_at = await _produce(collector, seconds, rate)
        last = f"#probe-{len(handed_at) - 1}"
        with contextlib.suppress(TimeoutError):
            await emu.wait_for(
                "sendMessage", lambda c: last in str(c.params.get("text")), DRAIN_SECONDS,
                since=0,
            )
        await workers.stop()  # the matcher alone next, on the same bench
        matching = await _match_alone(engine, fit_settings)
    finally:
        stop.set()
        await asyncio.gather(classify, return_exceptions=True)
        await workers.stop()
        await bot.session.close()
        await emu.stop()
        await redis.aclose()
        await engine.dispose()
        await drop_database(admin_url, url)
    received = _received(emu)
    latencies = [received[n] - handed_at[n] for n in handed_at if n in received]
    write_results("bench_fit_latency", [
        Figure("bench_fit_latency_p50", _percentile(latencies, 50), "s", "informational"),
        Figure("bench_fit_latency_p95", _percentile(latencies, 95), "s", "<= 2 s"),
        Figure("bench_fit_latency_max", max(latencies, default=float("nan")), "s",
               "informational"),
        Figure("bench_fit_pushes_delivered", float(len(latencies)), "count",
               f"== {len(handed_at)}"),
        Figure("bench_fit_match_ms_per_card_p50", 1000 * _percentile(matching, 50), "ms",
               "informational (the matcher alone)"),
        Figure("bench_fit_match_ms_per_card_p95", 1000 * _percentile(matching, 95), "ms",
               "informational (the matcher alone)"),
        Figure("bench_fit_developers", float(developers), "count", "10000"),
        Figure("bench_fit_posts_per_second", rate, "posts/s", "10"),
        Figure("bench_fit_seconds", seconds, "s", "300 (full run)"),
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--developers", type=int, default=10_000)
    parser.add_argument("--admin-url", default=ADMIN_URL)
    parser.add_argument("--redis-url", default=REDIS_URL)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_main(args.seconds, args.rate, args.developers, args.admin_url,
                      args.redis_url))


if __name__ == "__main__":
    main()
