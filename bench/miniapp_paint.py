"""The kanban's first paint with 500 open cards, in headless Chromium (Debian's chromium):
from navigation start to the frame after the board's columns and cards are in the page
(the page marks it, bot/webapp/static/board.js), over repeated cold page loads.

Run: .venv/bin/python -m bench.miniapp_paint [--cards 500] [--loads 10]
Writes bench/results/miniapp_paint.json.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
import time
from urllib.parse import urlencode

from bench.common import Figure, run_seeded, write_results
from bench.miniapp_support import LEAD, USERS_SQL, percentile, serve_miniapp
from db import migrate
from db.admin import create_database, drop_database
from db.engine import make_engine

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]
# Open cards of team A, spread over the open stages, moved over the last 25 days.
CARDS_SQL = """
INSERT INTO request_cards (kind, title, text, roles, stack, grades, rate_rub_hour_min,
    rate_rub_hour_max, headcount, first_seen_at, last_seen_at, stage, stage_changed_at,
    owner_user_id, team_id)
SELECT 'request', 'Request ' || n || ': senior backend developer', 'text ' || n,
    ARRAY['backend'], ARRAY['Python', 'PostgreSQL'], ARRAY['senior'], 1500, 2500, 1 + n % 3,
    now() - n * interval '1 hour', now() - n * interval '1 hour',
    (ARRAY['new','in_work','proposed','interview','offer'])[1 + n % 5],
    now() - n * interval '1 hour', CASE WHEN n % 5 = 0 THEN NULL ELSE 2 + n % 2 END, 1
FROM generate_series(1, {cards}) n;
ANALYZE request_cards;
"""
PAINTED = "miniapp-board-painted"


async def _loads(url: str, loads: int) -> tuple[list[float], list[float], int]:
    from playwright.async_api import async_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        print("SKIP: Debian's chromium is not installed (apt-get install -y chromium)")
        sys.exit(0)
    painted, contentful, shown = [], [], 0
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for _ in range(loads + 1):  # the first load warms the server and the disk cache
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            page = await context.new_page()
            await page.goto(url)
            await page.wait_for_function(
                f"performance.getEntriesByName('{PAINTED}').length > 0", timeout=30000)
            marks = await page.evaluate(
                f"""() => [performance.getEntriesByName('{PAINTED}')[0].startTime,
                (performance.getEntriesByName('first-contentful-paint')[0] || {{}}).startTime,
                document.querySelectorAll('.card').length]""")
            painted.append(marks[0])
            contentful.append(marks[1] or 0.0)
            shown = marks[2]
            await context.close()
        await browser.close()
    return painted[1:], contentful[1:], shown


async def _main(cards: int, loads: int, admin_url: str) -> None:
    url = await create_database(admin_url, prefix="radar_bench_paint")
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        engine = make_engine(url, pool_size=4)
        async with engine.begin() as conn:
            for statement in (USERS_SQL + CARDS_SQL.format(cards=cards)).split(";\n"):
                if statement.strip():
                    await conn.exec_driver_sql(statement)
        async with serve_miniapp(engine) as served:
            launch = urlencode({
                "tgWebAppData": served.init_data(LEAD), "tgWebAppVersion": "7.10",
                "tgWebAppThemeParams": json.dumps({"bg_color": "#ffffff"}),
                "tgWebAppBridge": f"{served.emulator.base_url}/sandbox/static/telegram-web-app.js",
            })
            started = time.perf_counter()
            painted, contentful, shown = await _loads(f"{served.url}#{launch}", loads)
            wall = time.perf_counter() - started
        await engine.dispose()
    finally:
        await drop_database(admin_url, url)
    write_results("miniapp_paint", [
        Figure("miniapp_board_first_paint_p50", percentile(painted, 50), "ms", "<= 1000 ms"),
        Figure("miniapp_board_first_paint_max", max(painted), "ms", "<= 1000 ms"),
        Figure("miniapp_first_contentful_paint_p50", percentile(contentful, 50), "ms",
               "informational"),
        Figure("open_cards", float(cards), "cards", "500"),
        Figure("cards_in_page", float(shown), "cards", "informational (30 per column)"),
        Figure("loads", float(loads), "loads", "informational"),
        Figure("wall_seconds", wall, "s", "informational"),
    ])


def main() -> None:
    run_seeded(_main, __doc__, cards=500, loads=10)


if __name__ == "__main__":
    main()
