"""The Clients view's routes: the list (lifecycle and segment filters, paging) and a client's
page, through the same crm functions as the bot's /clients; 403 outside the user's scope."""

from __future__ import annotations

from aiohttp import web

from bot.i18n import I18n
from bot.webapp import requests as read
from bot.webapp.context import context_of, user_of
from bot.webapp.payloads_clients import client_page, client_profile
from crm import client_views
from crm.client_views import LIFECYCLES, SEGMENTS

NEED_CATEGORIES = ("role", "grade", "format", "employment", "stack")
CONTACT_KINDS = ("telegram", "email", "phone")
NEEDS_SOURCES = ("own_history", "network", "popular", "most_popular", "logistic_regression")


def client_texts(i18n: I18n) -> dict[str, str]:
    """The bot's own client words (lifecycles, segments, ...), so both doors say the same."""
    keys = [f"clients-lifecycle-{v}" for v in LIFECYCLES]
    keys += [f"clients-segment-{v}" for v in SEGMENTS]
    keys += [f"clients-category-{v}" for v in NEED_CATEGORIES]
    keys += [f"clients-needs-{v.replace('_', '-')}" for v in NEEDS_SOURCES]
    keys += ["clients-not-computed", "clients-no-owner", "clients-next-needs-none"]
    found = {key: i18n.get(key) for key in keys}
    found.update({f"contact-{k}": i18n.get(f"crm-contact-{k}") for k in CONTACT_KINDS})
    return found


def client_choices() -> dict[str, list[str]]:
    return {"lifecycles": list(LIFECYCLES), "segments": list(SEGMENTS)}


async def get_clients(request: web.Request) -> web.Response:
    page = await client_views.listing(
        context_of(request).uow(), user_of(request),
        lifecycle=request.query.get("lifecycle") or None,
        segment=request.query.get("segment") or None,
        page=read.query_int(request, "page") or 0,
    )
    return web.json_response(client_page(page))


async def get_client(request: web.Request) -> web.Response:
    found = await client_views.profile(context_of(request).uow(), user_of(request),
                                       read.path_id(request))
    return web.json_response(client_profile(found))


def client_routes() -> list[web.RouteDef]:
    return [web.get("/miniapp/api/clients", get_clients),
            web.get("/miniapp/api/clients/{id}", get_client)]
