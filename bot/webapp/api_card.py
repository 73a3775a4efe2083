"""The request card's routes: the card, notes, tasks, label corrections, proposing."""

from __future__ import annotations

from aiohttp import web

from bot.webapp import requests as read
from bot.webapp.card_sync import refresh_card_messages
from bot.webapp.context import context_of, user_of
from bot.webapp.payloads import request_view
from crm import corrections, notes, proposals
from crm import request_view as views


async def _card(request: web.Request, card_id: int) -> web.Response:
    found = await views.view(context_of(request).uow(), user_of(request), card_id)
    return web.json_response(request_view(found))


async def get_card(request: web.Request) -> web.Response:
    return await _card(request, read.path_id(request))


async def add_note(request: web.Request) -> web.Response:
    card_id, values = read.path_id(request), await read.body(request)
    await notes.add_note(context_of(request).uow(), user_of(request), card_id,
                         read.text(values, "text") or "")
    return await _card(request, card_id)


async def add_task(request: web.Request) -> web.Response:
    card_id, values = read.path_id(request), await read.body(request)
    await notes.add_task(context_of(request).uow(), user_of(request), card_id,
                         read.text(values, "title") or "")
    return await _card(request, card_id)


async def correct_label(request: web.Request) -> web.Response:
    """One pick of the correction pickers: a single field is set, a list field toggles."""
    card_id, values = read.path_id(request), await read.body(request)
    await corrections.correct(context_of(request).uow(), user_of(request), card_id,
                              read.text(values, "field") or "", read.text(values, "value") or "")
    return await _card(request, card_id)


async def propose(request: web.Request) -> web.Response:
    context, card_id = context_of(request), read.path_id(request)
    values = await read.body(request)
    await proposals.propose(context.uow(), user_of(request), card_id,
                            read.number(values, "developer_id"))
    await refresh_card_messages(context, card_id)
    return await _card(request, card_id)


def card_routes() -> list[web.RouteDef]:
    return [
        web.get("/miniapp/api/cards/{id}", get_card),
        web.post("/miniapp/api/cards/{id}/notes", add_note),
        web.post("/miniapp/api/cards/{id}/tasks", add_task),
        web.post("/miniapp/api/cards/{id}/labels", correct_label),
        web.post("/miniapp/api/cards/{id}/propose", propose),
    ]
