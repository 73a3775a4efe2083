"""Post-to-push latency through the whole real pipeline: a post enters the collector's storing
path (POSTS_STORED) → the classify worker runs the product's classifier and makes a card
(CARDS_CHANGED) → the matcher fills the outbox → a delivery worker sends → the sandbox Bot
API receives sendMessage. PostgreSQL and Redis are real. Posts arrive at a steady rate; the
figures are p50/p95 of (sendMessage received − post handed to the collector).

Run: .venv/bin/python -m bench.push_latency [--seconds 300] [--rate 10]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import random
import statistics
import time
from datetime import UTC, datetime
from typing import Any

from pydantic import SecretStr
from redis.asyncio import Redis

from bench.common import Figure, write_results
from bot.app import build_bot
from bot.i18n import Translator
from bot.settings import BotSettings
from bot.workers import Workers
from collector import app as collector_app
from collector.classify_worker import ClassifyWorker
from collector.intake import Collector
from collector.reader import RawMessage
from crm import searches, sources
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.records.feed import FeedFilters
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from sandbox.emulator import BotApiEmulator

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/14"
MANAGER_TG_ID = 1001
CHAT_ID = -1001234567890
DRAIN_SECONDS = 15.0
TOKEN = "123456:BENCH-push-latency"

# Distinct requests, so the cross-post detector never merges two of them into one card.
GRADES = ("Junior", "Middle", "Middle+", "Senior", "Lead")
COMPANIES = ("финтех", "маркетплейс", "ритейл", "логистика", "медтех", "edtech", "страхование")
EXTRAS = ("TypeScript", "Redux", "Next.js", "GraphQL", "Jest", "Webpack", "MobX", "Vite")


def request_text(n: int, rng: random.Random) -> str:
    extras = ", ".join(rng.sample(EXTRAS, 3))
    return (
        # The marker sits in the first line: pushes show the card's title, not the whole post.
        f"Ищем {rng.choice(GRADES)} React разработчика в {rng.choice(COMPANIES)} #probe-{n}\n"
        f"Проект на {rng.randint(2, 12)} мес, удаленно, ставка до {rng.randrange(1500, 4000, 50)}"
        f" ₽/ч.\nСтек: React, {extras}.\nКод заявки {n * 7919 % 100003}."
    )


async def _manager(session_factory: Any) -> None:
    uow = UnitOfWork(session_factory)
    async with uow:
        user = await uow.repo(UserRepo).add(
            tg_user_id=MANAGER_TG_ID, first_name="Anna", username=None, language="ru",
            role="manager",
        )
        await uow.commit()
    await searches.create(uow, user, "react", FeedFilters(stack=("React",)))


async def _produce(collector: Collector, seconds: float, rate: float) -> dict[int, float]:
    source = await sources.add(collector.uow(), str(CHAT_ID))
    rng = random.Random(7)
    handed_at: dict[int, float] = {}
    loop = asyncio.get_running_loop()
    start = loop.time()
    for n in range(int(seconds * rate)):
        delay = start + n / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        handed_at[n] = time.time()
        message = RawMessage(
            chat_id=CHAT_ID, message_id=n + 1, date=datetime.now(UTC),
            text=request_text(n, rng),
        )
        await collector.store(source, [message], advance=False)
    return handed_at


def _received(emu: BotApiEmulator) -> dict[int, float]:
    seen: dict[int, float] = {}
    for call in emu.calls_of("sendMessage"):
        text = str(call.params.get("text", ""))
        if call.ok and "#probe-" in text:
            n = int(text.split("#probe-")[1].split("<", maxsplit=1)[0].split(maxsplit=1)[0])
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
    classifier = collector_app.make_classifier()
    emu = BotApiEmulator(token=TOKEN, bot_username="radar_bot")
    await emu.start()
    emu.add_user(MANAGER_TG_ID, "Anna", language_code="ru")
    bot = build_bot(BotSettings(token=SecretStr(TOKEN), api_base=emu.base_url))
    workers = Workers(bot, session_factory, redis, _NoMail(), Translator(), delivery_workers=2)
    stop = asyncio.Event()
    classify = asyncio.create_task(ClassifyWorker(session_factory, redis, classifier).run(stop))
    collector = Collector(session_factory, redis, collector_app.OfflineReader())
    try:
        await _manager(session_factory)
        workers.start()
        await asyncio.sleep(0.5)
        handed_at = await _produce(collector, seconds, rate)
        last = f"#probe-{len(handed_at) - 1}"
        with contextlib.suppress(TimeoutError):
            await emu.wait_for(
                "sendMessage", lambda c: last in str(c.params.get("text")), DRAIN_SECONDS,
                since=0,
            )
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
    write_results("push_latency", [
        Figure("push_latency_p50", _percentile(latencies, 50), "s", "informational"),
        Figure("push_latency_p95", _percentile(latencies, 95), "s", "<= 2 s"),
        Figure("push_latency_max", max(latencies, default=float("nan")), "s", "informational"),
        Figure("pushes_delivered", float(len(latencies)), "count", f"== {len(handed_at)}"),
        Figure("posts_per_second", rate, "posts/s", "10"),
        Figure("classifier", 0.0, classifier.version, "the product's default"),
    ])


class _NoMail:
    async def send(self, mail: Any) -> None:
        raise OSError("email is not part of this benchmark")


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
