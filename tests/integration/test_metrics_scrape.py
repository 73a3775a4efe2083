"""/metrics reads the queue depths from PostgreSQL at scrape time, with no /healthz poll."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from aiohttp import ClientSession

from crm import posts, sources
from db.records.posts import PostDraft
from db.runtime import Database
from db.uow import UnitOfWork
from scripts.health import health_routes, serve
from scripts.probes import database_check, queue_gauges


def _depth(scraped: str, queue: str) -> float:
    found = re.search(rf'^radar_queue_depth{{queue="{queue}"}} (\S+)$', scraped, flags=re.M)
    assert found, scraped
    return float(found.group(1))


class TestMetricsScrape:
    async def test_queue_depth_is_fresh_on_every_scrape(
        self, uow: UnitOfWork, engine: Any, session_factory: Any, database_url: str,
    ) -> None:
        database = Database(database_url, engine, session_factory, embedded=False)
        routes = health_routes({"database": database_check(database)}, metrics=True,
                               refresh=[queue_gauges(database)])
        runner = await serve(routes, "127.0.0.1", 0)
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/metrics"
        source = await sources.add(uow, "-1001234567890")
        try:
            async with ClientSession() as http:
                async with http.get(url) as response:
                    assert _depth(await response.text(), "classify") == 0
                await posts.store(uow, source.id, [
                    PostDraft(message_id=n, posted_at=datetime.now(UTC), text=f"post {n}")
                    for n in (1, 2, 3)])
                async with http.get(url) as response:
                    assert _depth(await response.text(), "classify") == 3
        finally:
            await runner.cleanup()
