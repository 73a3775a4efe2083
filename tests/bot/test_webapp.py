from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from bot.webapp.server import make_app


class TestWebapp:
    async def test_healthz(self) -> None:
        async with TestClient(TestServer(make_app())) as client:
            response = await client.get("/healthz")
            assert response.status == 200
            assert await response.json() == {"status": "ok"}
