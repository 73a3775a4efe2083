from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from bot.webapp.server import make_app


class TestWebapp:
    async def test_healthz(self) -> None:
        async with TestClient(TestServer(make_app())) as client:
            response = await client.get("/healthz")
            assert response.status == 200
            assert await response.json() == {"status": "ok"}

    async def test_healthz_fails_when_a_worker_loop_died_or_is_stuck(self) -> None:
        import asyncio

        from db.liveness import WORKERS

        async def dies() -> None:
            raise RuntimeError("boom")

        task = asyncio.create_task(dies())
        await asyncio.gather(task, return_exceptions=True)
        WORKERS.register("delivery-test", stale_after=60, task=task)
        WORKERS.register("matcher-test", stale_after=0.0)
        try:
            await asyncio.sleep(0.01)
            async with TestClient(TestServer(make_app())) as client:
                response = await client.get("/healthz")
                assert response.status == 503
                body = await response.json()
            assert body["workers"]["delivery-test"] == "stopped"
            assert body["workers"]["matcher-test"].startswith("no progress")
        finally:
            WORKERS.forget("delivery-test")
            WORKERS.forget("matcher-test")
