"""The Mini App's API over 1,000,000 request cards (bench/feed_query.py's generator, then
stages, owners, teams and headcounts spread over them): the board, a column's next page and
a request card, each an HTTP call to the bot's aiohttp app with initData checked, as the page
makes it. p50/p95 per call on a fresh database.

Run: .venv/bin/python -m bench.miniapp_api [--cards 1000000] [--runs 40]
Writes bench/results/miniapp_api.json.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable

import aiohttp

from bench.common import Figure, run_seeded, write_results
from bench.feed_query import SEED_SQL, SOURCES
from bench.miniapp_support import ADMIN, LEAD, MANAGER, USERS_SQL, percentile, serve_miniapp
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine

WARMUP = 3
# About 12 % of the cards have been worked: owners, teams, later stages; moved when first seen.
PIPELINE_SQL = """
UPDATE request_cards SET stage_changed_at = first_seen_at,
    headcount = CASE WHEN id % 7 = 0 THEN 1 + id % 4 END,
    stage = (ARRAY['in_work','proposed','interview','offer','won','lost','in_work','proposed'])
            [1 + id % 8],
    owner_user_id = 2 + id % 2, team_id = 1 + (id / 8) % 2
WHERE id % 8 = 3 OR id % 25 = 0;
UPDATE request_cards SET stage_changed_at = first_seen_at WHERE stage = 'new';
VACUUM ANALYZE request_cards;
"""

Call = Callable[[], Awaitable[int]]


async def _timed(call: Call, runs: int) -> list[float]:
    timings = []
    for run in range(runs + WARMUP):
        started = time.perf_counter()
        status = await call()
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            raise RuntimeError(f"the API answered {status}")
        if run >= WARMUP:
            timings.append(elapsed)
    return timings


async def _measure(url: str, init: dict[int, str], cards: int, runs: int) -> list[Figure]:
    rng = random.Random(7)
    async with aiohttp.ClientSession() as http:

        def get(tg_id: int, path: Callable[[], str]) -> Call:
            async def call() -> int:
                async with http.get(f"{url}api/{path()}",
                                    headers={"Authorization": f"tma {init[tg_id]}"}) as r:
                    await r.read()
                    return r.status
            return call

        async with http.get(f"{url}api/board?period=",
                            headers={"Authorization": f"tma {init[ADMIN]}"}) as first:
            columns = (await first.json())["columns"]
        cursor = next(c["next"] for c in columns if c["stage"] == "new")
        cases = {
            "board_manager_30d": get(MANAGER, lambda: "board"),
            "board_lead_my_team_all_time": get(LEAD, lambda: "board?team=mine&period="),
            "board_admin_python_90d": get(ADMIN, lambda: "board?stack=Python&period=90"),
            "board_manager_mine": get(MANAGER, lambda: "board?owner=me&period="),
            "column_next_page": get(ADMIN, lambda: f"board/new?cursor={cursor}&period="),
            "card": get(ADMIN, lambda: f"cards/{rng.randint(1, cards)}"),
        }
        figures: list[Figure] = []
        board: list[float] = []
        card: list[float] = []
        for name, call in cases.items():
            timings = await _timed(call, runs)
            (card if name == "card" else board).extend(timings)
            figures.append(Figure(f"miniapp_{name}_p95", percentile(timings, 95), "ms",
                                  "<= 50 ms"))
    return [
        Figure("miniapp_board_calls_p95", percentile(board, 95), "ms", "<= 50 ms"),
        Figure("miniapp_card_call_p95", percentile(card, 95), "ms", "<= 50 ms"),
        Figure("miniapp_board_calls_p50", percentile(board, 50), "ms", "informational"),
        *figures,
    ]


async def _main(cards: int, runs: int, admin_url: str) -> None:
    url = await create_database(admin_url, prefix="radar_bench_miniapp")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        engine = make_engine(url, pool_size=4)
        started = time.perf_counter()
        async with engine.begin() as conn:
            for statement in (SEED_SQL.format(cards=cards, sources=SOURCES) + USERS_SQL
                              ).split(";\n"):
                if statement.strip():
                    await conn.exec_driver_sql(statement)
        async with engine.connect() as conn:
            autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
            for statement in PIPELINE_SQL.split(";\n"):
                if statement.strip():
                    await autocommit.exec_driver_sql(statement)
        seeded = time.perf_counter() - started
        async with serve_miniapp(engine) as served:
            init = {tg: served.init_data(tg) for tg in (ADMIN, MANAGER, LEAD)}
            figures = await _measure(served.url, init, cards, runs)
        await engine.dispose()
    finally:
        await drop_database(admin_url, url)
    write_results("miniapp_api", [
        *figures,
        Figure("cards", float(cards), "rows", "1,000,000"),
        Figure("seed_seconds", seeded, "s", "informational"),
    ])


def main() -> None:
    run_seeded(_main, __doc__, cards=1_000_000, runs=40)


if __name__ == "__main__":
    main()
