"""The bench's route: developers by filters, each with its best matching open requests."""

from __future__ import annotations

from aiohttp import web

from bot.webapp import requests as read
from bot.webapp.context import context_of, user_of
from bot.webapp.payloads import developer_matches
from crm.bench_matches import BenchFilters, bench_with_matches


async def get_bench(request: web.Request) -> web.Response:
    filters = BenchFilters(
        stack=read.query_list(request, "stack"), grade=request.query.get("grade") or None,
        rate_max=read.query_decimal(request, "rate_max"),
        available_by=read.query_date(request, "available_by"),
    )
    found = await bench_with_matches(context_of(request).uow(), user_of(request), filters)
    return web.json_response({"developers": [developer_matches(d) for d in found]})


def bench_routes() -> list[web.RouteDef]:
    return [web.get("/miniapp/api/bench", get_bench)]
