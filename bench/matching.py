"""How long ranking the bench for one request takes with 10,000 developers on the bench:
SQL pre-filter (GIN `&&` on stack, active only) + Python scoring, end to end through the
crm use case, p50/p95 over repeated runs on a fresh PostgreSQL database."""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from bench.common import ADMIN_URL, Figure, write_results
from crm import proposals
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.models import BenchDeveloper, RequestCard, User
from db.repositories.users import UserRepo
from db.uow import UnitOfWork

SEED = 7
WARMUP = 5
# A long-tailed vocabulary: the first items are what most developers list.
TECH = (
    "Python", "JavaScript", "TypeScript", "Java", "Go", "React", "PostgreSQL", "Docker",
    "Kubernetes", "Django", "FastAPI", "Node.js", "Vue", "Angular", "Kotlin", "Swift", "C#",
    ".NET", "PHP", "Laravel", "Spring", "Kafka", "Redis", "MongoDB", "AWS", "GCP", "Terraform",
    "Linux", "Flutter", "React Native", "Rust", "C++", "Scala", "Spark", "Airflow", "ClickHouse",
    "Elasticsearch", "GraphQL", "Selenium", "Figma", "1C", "Bitrix", "Ruby", "Rails", "Unity",
)
GRADES = ("junior", "middle", "senior", "lead")
ROLES = ("backend", "frontend", "fullstack", "mobile", "qa", "devops", "data")
FORMATS = ("remote", "office", "hybrid")
# The figure with the goal: a typical three-item request. The single-item one is the worst
# case for pruning (every candidate ties on stack), reported for information.
REQUESTS = (
    ("Senior Python developer", ["Python", "Django", "PostgreSQL"]),
    ("Senior Python developer, any framework", ["Python"]),
)


def _developer(rng: random.Random, today: date) -> dict[str, object]:
    weights = [1 / (i + 1) for i in range(len(TECH))]
    stack = list(dict.fromkeys(rng.choices(TECH, weights=weights, k=rng.randint(3, 7))))
    return {
        "name": f"Dev {rng.randrange(10**6)}", "roles": [rng.choice(ROLES)], "stack": stack,
        "grade": rng.choice(GRADES), "rate_rub_hour": Decimal(rng.randrange(800, 6000, 50)),
        "available_from": today + timedelta(days=rng.randint(-30, 60)),
        "formats": rng.sample(FORMATS, rng.randint(1, 2)), "active": rng.random() > 0.1,
    }


async def _seed(url: str, developers: int) -> tuple[list[int], int]:
    engine = make_engine(url, pool_size=2)
    rng = random.Random(SEED)
    today = datetime.now(UTC).date()
    now = datetime.now(UTC)
    async with engine.begin() as conn:
        rows = [_developer(rng, today) for _ in range(developers)]
        for start in range(0, len(rows), 2000):
            await conn.execute(sa.insert(BenchDeveloper), rows[start:start + 2000])
        card_ids = [await conn.scalar(sa.insert(RequestCard).values(
            kind="request", title=title, stack=stack, roles=["backend"], grades=["senior"],
            formats=["remote"], rate_rub_hour_min=Decimal(2000), rate_rub_hour_max=Decimal(3500),
            first_seen_at=now, last_seen_at=now,
        ).returning(RequestCard.id)) for title, stack in REQUESTS]
        user_id = await conn.scalar(sa.insert(User).values(
            tg_user_id=1, first_name="bench", role="admin").returning(User.id))
        await conn.exec_driver_sql("ANALYZE")
    await engine.dispose()
    return [int(c or 0) for c in card_ids], int(user_id or 0)


async def _measure(url: str, card_id: int, user_id: int, runs: int) -> tuple[list[float], int]:
    engine = make_engine(url, pool_size=2)
    uow = UnitOfWork(make_session_factory(engine))
    async with uow:
        user = await uow.repo(UserRepo).get(user_id)
    assert user is not None
    timings: list[float] = []
    candidates = 0
    for run in range(runs + WARMUP):
        started = time.perf_counter()
        found = await proposals.for_request(uow, user, card_id)
        elapsed = (time.perf_counter() - started) * 1000
        if run >= WARMUP:  # the first few warm the pool and the plan cache
            timings.append(elapsed)
        candidates = len(found)
    await engine.dispose()
    return timings, candidates


def _p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


async def _main(developers: int, runs: int, admin_url: str) -> None:
    url = await create_database(admin_url, prefix="radar_bench_matching")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        card_ids, user_id = await _seed(url, developers)
        typical, _ = await _measure(url, card_ids[0], user_id, runs)
        single, _ = await _measure(url, card_ids[1], user_id, runs)
    finally:
        await drop_database(admin_url, url)
    size = f"{developers // 1000}k"
    write_results("matching", [
        Figure(f"matching.rank_{size}_p50", statistics.median(typical), "ms", "informational"),
        Figure(f"matching.rank_{size}_p95", _p95(typical), "ms", "<= 50"),
        Figure(f"matching.rank_{size}_one_item_p50", statistics.median(single), "ms",
               "informational"),
        Figure(f"matching.rank_{size}_one_item_p95", _p95(single), "ms", "informational"),
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--developers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--admin-url", default=ADMIN_URL)
    args = parser.parse_args()
    asyncio.run(_main(args.developers, args.runs, args.admin_url))


if __name__ == "__main__":
    main()
