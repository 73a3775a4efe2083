"""Near-copy candidate search at 1,000,000 request cards: CardRepo.near_copy_candidates (the
GIN index on MinHash band keys) beside the Hamming-distance query it replaced, p50/p95 ms.

Run: .venv/bin/python -m bench.dedup_index [--cards 1000000] [--runs 200]
Writes bench/results/dedup_index.json.

Cards spread over 90 days (85% requests), each with 20 band keys: most keys name one card,
cards come in repost clusters of three sharing all keys, and one card in a hundred carries a
key shared by a thousand others (short texts alike: 'Ищем Java'), so posting lists are not
all of length one. Lookups are a cluster's keys (found) and fresh keys (nothing), each in a
14-day window around a random moment, as crm.ingest asks.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from bench.common import ADMIN_URL, RESULTS, Figure, write_results
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine, make_session_factory
from db.repositories.cards import CardRepo
from db.uow import UnitOfWork

WINDOW = timedelta(days=14)
BANDS = 20
PRIME = 2_305_843_009_213_693_951  # 2**61 - 1: keys spread over the BIGINT range
SEED_SQL = """
DROP INDEX ix_request_cards_band_keys;
INSERT INTO request_cards (id, kind, title, text, first_seen_at, last_seen_at, simhash,
                           band_keys)
SELECT n, CASE WHEN n % 20 < 17 THEN 'request' ELSE 'offer' END, 'Card ' || n, 'text ' || n,
       now() - (n::float / {cards}) * interval '90 days',
       now() - (n::float / {cards}) * interval '90 days',
       (random() * 9.2e18 - 4.6e18)::bigint,
       ARRAY(SELECT ((n / 3) * {bands} + b)::numeric * 1000003 % {prime} FROM
             generate_series(0, {bands} - 1) b)::bigint[]
       || CASE WHEN n % 100 = 0 THEN ARRAY[(n / 100000)::bigint] ELSE '{{}}'::bigint[] END
FROM generate_series(1, {cards}) n;
CREATE INDEX ix_request_cards_band_keys ON request_cards USING gin (band_keys);
ANALYZE request_cards;
"""
SIMHASH_SQL = """
SELECT id FROM request_cards
WHERE kind = 'request' AND first_seen_at <= :until AND last_seen_at >= :since
  AND bit_count((simhash # :h)::bit(64)) <= 3
ORDER BY bit_count((simhash # :h)::bit(64)), id LIMIT 1
"""


def _keys(cluster: int) -> list[int]:
    return [((cluster * BANDS + b) * 1000003) % PRIME for b in range(BANDS)]


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def _time(uow: UnitOfWork, cards: int, runs: int, rng: random.Random
                ) -> tuple[list[float], list[float], int]:
    found_ms: list[float] = []
    missed_ms: list[float] = []
    found = 0
    now = datetime.now(UTC)
    for run in range(runs):
        n = rng.randrange(3, cards)
        at = now - (n / cards) * timedelta(days=90)
        hit = run % 2 == 0
        keys = _keys(n // 3) if hit else [rng.randrange(PRIME, 2**62) for _ in range(BANDS)]
        started = time.perf_counter()
        async with uow:
            rows = await uow.repo(CardRepo).near_copy_candidates(
                keys, kind="request" if n % 20 < 17 else "offer", since=at - WINDOW,
                until=at + WINDOW, post_id=0, limit=20)
        (found_ms if hit else missed_ms).append((time.perf_counter() - started) * 1000)
        found += bool(rows) and hit
    return found_ms, missed_ms, found


async def _explain(uow: UnitOfWork, cards: int, runs: int, rng: random.Random
                   ) -> tuple[list[float], str]:
    """Server-side execution times (less swayed by the shared machine's load) and one plan."""
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql

    times, plan = [], ""
    now = datetime.now(UTC)
    for run in range(runs):
        n = rng.randrange(3, cards)
        at = now - (n / cards) * timedelta(days=90)
        keys = _keys(n // 3) if run % 2 == 0 else [rng.randrange(PRIME, 2**62)
                                                     for _ in range(BANDS)]
        async with uow:
            query = uow.repo(CardRepo).near_copy_query(
                keys, kind="request" if n % 20 < 17 else "offer", since=at - WINDOW,
                until=at + WINDOW, post_id=0, limit=20)
            sql = str(query.compile(dialect=postgresql.dialect(),
                                    compile_kwargs={"literal_binds": True}))
            lines = [r[0] for r in await uow.session.execute(
                sa.text("EXPLAIN (ANALYZE, BUFFERS) " + sql.replace("%", "%%")))]
        times.append(float(lines[-1].split(":")[1].split()[0]))
        plan = plan or "\n".join(lines)
    return times, plan


async def _time_simhash(uow: UnitOfWork, runs: int, rng: random.Random) -> list[float]:
    import sqlalchemy as sa

    timings = []
    now = datetime.now(UTC)
    for _ in range(runs):
        at = now - timedelta(days=rng.uniform(0, 90))
        started = time.perf_counter()
        async with uow:
            await uow.session.execute(sa.text(SIMHASH_SQL), {
                "since": at - WINDOW, "until": at + WINDOW, "h": rng.randrange(-2**63, 2**63)})
        timings.append((time.perf_counter() - started) * 1000)
    return timings


async def _main(cards: int, runs: int, admin_url: str) -> None:
    url = await create_database(admin_url, prefix="radar_bench_dedup_index")
    rng = random.Random(3)
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        engine = make_engine(url, pool_size=2)
        started = time.perf_counter()
        async with engine.begin() as conn:
            sql = SEED_SQL.format(cards=cards, bands=BANDS, prime=PRIME)
            for statement in sql.split(";\n"):
                if statement.strip():
                    await conn.exec_driver_sql(statement)
        seeded = time.perf_counter() - started
        uow = UnitOfWork(make_session_factory(engine))
        await _time(uow, cards, 10, rng)  # warm the index pages
        found_ms, missed_ms, found = await _time(uow, cards, runs, rng)
        executed_ms, plan = await _explain(uow, cards, 40, rng)
        simhash_ms = await _time_simhash(uow, max(runs // 20, 5), rng)
        await engine.dispose()
    finally:
        await drop_database(admin_url, url)
    both = found_ms + missed_ms
    (RESULTS / "dedup_index_plan.txt").write_text(plan + "\n", encoding="utf-8")
    write_results("dedup_index", [
        Figure("dedup_index.candidates_p50", _p(both, 50), "ms", "informational"),
        Figure("dedup_index.candidates_p95", _p(both, 95), "ms",
               "<= 50 ms at 1M cards (session, round trip)"),
        Figure("dedup_index.candidates_found_p95", _p(found_ms, 95), "ms", "cluster lookups"),
        Figure("dedup_index.candidates_missed_p95", _p(missed_ms, 95), "ms", "fresh keys"),
        Figure("dedup_index.candidates_executed_p95", _p(executed_ms, 95), "ms",
               "server-side Execution Time (EXPLAIN ANALYZE), plan in dedup_index_plan.txt"),
        Figure("dedup_index.clusters_found", found / len(found_ms), "share", "1.0"),
        Figure("dedup_index.simhash_scan_p50", _p(simhash_ms, 50), "ms",
               "the query it replaced, same cards (a scan of the window)"),
        Figure("dedup_index.cards", float(cards), "rows", "1,000,000"),
        Figure("dedup_index.seed_seconds", seeded, "s", "informational"),
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--admin-url", default=ADMIN_URL)
    args = parser.parse_args()
    asyncio.run(_main(args.cards, args.runs, args.admin_url))


if __name__ == "__main__":
    main()
