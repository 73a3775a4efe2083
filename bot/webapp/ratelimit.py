"""Mutations (and chart drawings) per user per minute, counted in Redis like the bot's
update throttling."""

from __future__ import annotations

import time

from aiohttp import web

from bot.webapp.auth import API_PREFIX, Handler
from bot.webapp.context import USER, context_of

WINDOW_SECONDS = 60
CHARTS_PATH = API_PREFIX + "charts"


@web.middleware
async def mutation_rate_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    # Runs after auth: the user is known. Reads are not counted, except the charts, which
    # cost a matplotlib drawing each.
    counted = request.method == "POST" or request.path == CHARTS_PATH
    if not counted or not request.path.startswith(API_PREFIX):
        return await handler(request)
    context = context_of(request)
    window = int(time.time()) // WINDOW_SECONDS
    key = f"radar:miniapp:rate:{request[USER].id}:{window}"
    pipe = context.redis.pipeline()
    pipe.incr(key)
    pipe.expire(key, WINDOW_SECONDS * 2)
    count, _ = await pipe.execute()
    if int(count) > context.settings.mutations_per_minute:
        i18n = context.translator.pick(request[USER].language)
        return web.json_response(
            {"error": "rate_limited", "message": i18n.get("miniapp-error-rate_limited")},
            status=429, headers={"Retry-After": str(WINDOW_SECONDS)},
        )
    return await handler(request)
