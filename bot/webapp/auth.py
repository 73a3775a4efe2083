"""initData checked on every API call: signature, age, and a user of ours who is active.

The client sends the raw initData string as `Authorization: tma <initData>`; initDataUnsafe
is never read. 401 for missing, forged, expired or unknown; the crm access checks give 403.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable

from aiogram.utils.web_app import safe_parse_webapp_init_data
from aiohttp import web

from bot.webapp.context import USER, context_of
from db.repositories.users import UserRepo

API_PREFIX = "/miniapp/api/"
SCHEME = "tma "
# A phone whose clock runs ahead signs initData "in the future": a minute of grace.
CLOCK_SKEW_SECONDS = 60

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def unauthorized(request: web.Request, reason: str) -> web.HTTPUnauthorized:
    # Nobody is known yet: the message is in the default language.
    message = context_of(request).translator.pick(None).get("miniapp-error-unauthorized")
    return web.HTTPUnauthorized(
        text=json.dumps({"error": reason, "message": message}, ensure_ascii=False),
        content_type="application/json", headers={"WWW-Authenticate": "tma"},
    )


@web.middleware
async def init_data_auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not request.path.startswith(API_PREFIX):
        return await handler(request)
    header = request.headers.get("Authorization", "")
    if not header.startswith(SCHEME) or not header[len(SCHEME):].strip():
        raise unauthorized(request, "init_data_missing")
    context = context_of(request)
    try:
        data = safe_parse_webapp_init_data(context.bot.token, header[len(SCHEME):].strip())
    except (ValueError, TypeError):
        raise unauthorized(request, "init_data_invalid") from None
    age = time.time() - data.auth_date.timestamp()
    if age > context.settings.init_data_max_age or age < -CLOCK_SKEW_SECONDS:
        raise unauthorized(request, "init_data_expired")
    if data.user is None:
        raise unauthorized(request, "init_data_invalid")
    async with context.uow() as uow:
        user = await uow.repo(UserRepo).by_tg_id(data.user.id)
    if user is None or not user.active:
        raise unauthorized(request, "unknown_user")
    request[USER] = user
    return await handler(request)
