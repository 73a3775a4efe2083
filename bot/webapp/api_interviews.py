"""The interview calendar's routes: a week, a reschedule, an outcome."""

from __future__ import annotations

from datetime import UTC, datetime

from aiohttp import web

from bot.webapp import requests as read
from bot.webapp.card_sync import refresh_card_messages
from bot.webapp.context import context_of, user_of
from bot.webapp.payloads import interview, interview_slot
from crm import interview_week, interviews


async def get_week(request: web.Request) -> web.Response:
    user = user_of(request)
    monday = interview_week.week_start(
        read.query_date(request, "week") or datetime.now(UTC).date()
    )
    slots = await interview_week.week(context_of(request).uow(), user, monday)
    return web.json_response({"week": monday.isoformat(), "timezone": user.timezone,
                              "interviews": [interview_slot(s) for s in slots]})


async def reschedule(request: web.Request) -> web.Response:
    """`at` is local time in the user's zone, as the bot's pickers take it."""
    context, values = context_of(request), await read.body(request)
    moved = await interviews.reschedule(
        context.uow(), user_of(request), read.path_id(request),
        read.local_datetime(values, "at"), planner=context.planner,
    )
    return web.json_response(interview(moved))


async def record_outcome(request: web.Request) -> web.Response:
    context, values = context_of(request), await read.body(request)
    done = await interviews.record_outcome(
        context.uow(), user_of(request), read.path_id(request), read.text(values, "outcome") or ""
    )
    await refresh_card_messages(context, done.request_id)
    return web.json_response(interview(done))


def interview_routes() -> list[web.RouteDef]:
    return [
        web.get("/miniapp/api/interviews", get_week),
        web.post("/miniapp/api/interviews/{id}/reschedule", reschedule),
        web.post("/miniapp/api/interviews/{id}/outcome", record_outcome),
    ]
