"""Health and Prometheus metrics over HTTP, for docker-compose healthchecks and scraping."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

log = logging.getLogger(__name__)

HealthCheck = Callable[[], Awaitable[None]]
# Sets gauges that are read from elsewhere (queue depths in PostgreSQL) just before a scrape.
Refresh = Callable[[], Awaitable[None]]


def health_routes(
    checks: dict[str, HealthCheck], *, metrics: bool, refresh: Sequence[Refresh] = ()
) -> list[web.RouteDef]:
    async def healthz(_: web.Request) -> web.Response:
        failed = {}
        for name, check in checks.items():
            try:
                await check()
            except Exception as exc:  # a health check reports any failure, it never raises
                failed[name] = f"{type(exc).__name__}: {exc}"
        if failed:
            return web.json_response({"status": "fail", "failed": failed}, status=503)
        return web.json_response({"status": "ok", "checks": sorted(checks)})

    async def prometheus(_: web.Request) -> web.Response:
        for update in refresh:
            try:
                await update()
            except Exception:  # a scrape still answers, with the last values it had
                log.warning("refreshing gauges before a scrape failed", exc_info=True)
        response = web.Response(body=generate_latest())
        response.content_type = CONTENT_TYPE_LATEST.split(";")[0]
        return response

    routes = [web.get("/healthz", healthz)]
    if metrics:
        routes.append(web.get("/metrics", prometheus))
    return routes


async def serve(routes: list[web.RouteDef], host: str, port: int) -> web.AppRunner:
    app = web.Application()
    app.add_routes(routes)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    log.info("health endpoint on http://%s:%s/healthz", host, port)
    return runner
