"""Post-to-push latency through the real pipeline pieces: store a post, classify it into a card
(fixed verdict, no model), CARDS_CHANGED → matcher → outbox → delivery → the sandbox Bot API
receives sendMessage. Posts arrive at a steady rate; p50/p95 of (sendMessage seen − post stored).

Run: .venv/bin/python -m bench.push_latency [--seconds 300] [--rate 10]
Writes bench/results/push_latency.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import statistics
import time
from typing import Any

from pydantic import SecretStr
from redis.asyncio import Redis

from bench.common import Figure, write_results
from bot.app import build_bot
from bot.i18n import Translator
from bot.jobs import Workers
from bot.settings import BotSettings
from crm import searches
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.records.feed import FeedFilters
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from sandbox.emulator import BotApiEmulator
from tests.bot.pipeline import add_source, publish_request
from tests.fakes.mailer import FakeMailer

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/14"
MANAGER_TG_ID = 1001
DRAIN_SECONDS = 10.0


async def _manager(session_factory: Any) -> None:
    uow = UnitOfWork(session_factory)
    async with uow:
        user = await uow.repo(UserRepo).add(
            tg_user_id=MANAGER_TG_ID, first_name="Anna", username=None, language="ru",
            role="manager",
        )
        await uow.commit()
    await searches.create(uow, user, "react", FeedFilters(stack=("React",)))


async def _produce(
    session_factory: Any, redis: Any, seconds: float, rate: float
) -> dict[int, float]:
    source_id = await add_source(session_factory, "@bench_jobs")
    stored_at: dict[int, float] = {}
    loop = asyncio.get_running_loop()
    start = loop.time()
    for n in range(int(seconds * rate)):
        delay = start + n / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        stored_at[n] = time.time()
        await publish_request(session_factory, redis, source_id, f"React senior #bench-{n}")
    return stored_at


def _received(emu: BotApiEmulator) -> dict[int, float]:
    seen: dict[int, float] = {}
    for call in emu.calls_of("sendMessage"):
        text = str(call.params.get("text", ""))
        if call.ok and "#bench-" in text:
            n = int(text.split("#bench-")[1].split("<", maxsplit=1)[0].split(maxsplit=1)[0])
            seen.setdefault(n, call.at)
    return seen


def _percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def _main(seconds: float, rate: float, admin_url: str, redis_url: str) -> None:
    url = await create_database(admin_url, prefix="radar_bench_push")
    await asyncio.to_thread(migrate.upgrade, url)
    engine = make_engine(url, pool_size=10)
    session_factory = make_session_factory(engine)
    redis = Redis.from_url(redis_url)
    emu = BotApiEmulator(token="123:ABC", bot_username="radar_bot")
    await emu.start()
    emu.add_user(MANAGER_TG_ID, "Anna", language_code="ru")
    bot = build_bot(BotSettings(token=SecretStr("123:ABC"), api_base=emu.base_url))
    workers = Workers(bot, session_factory, redis, FakeMailer(), Translator(), delivery_workers=2)
    try:
        await _manager(session_factory)
        workers.start()
        await asyncio.sleep(0.5)
        stored_at = await _produce(session_factory, redis, seconds, rate)
        last = f"#bench-{len(stored_at) - 1}<"
        with contextlib.suppress(TimeoutError):
            await emu.wait_for(
                "sendMessage", lambda c: last in str(c.params.get("text")), DRAIN_SECONDS, since=0
            )
    finally:
        await workers.stop()
        await bot.session.close()
        await emu.stop()
        await redis.aclose()
        await engine.dispose()
        await drop_database(admin_url, url)
    received = _received(emu)
    latencies = [received[n] - stored_at[n] for n in stored_at if n in received]
    write_results("push_latency", [
        Figure("push_latency_p50", _percentile(latencies, 50), "s", "informational"),
        Figure("push_latency_p95", _percentile(latencies, 95), "s", "<= 2 s"),
        Figure("push_latency_max", max(latencies, default=float("nan")), "s", "informational"),
        Figure("pushes_delivered", float(len(latencies)), "count", f"== {len(stored_at)}"),
        Figure("posts_per_second", rate, "posts/s", "10"),
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--admin-url", default=ADMIN_URL)
    parser.add_argument("--redis-url", default=REDIS_URL)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_main(args.seconds, args.rate, args.admin_url, args.redis_url))


if __name__ == "__main__":
    main()
