"""crm's refusals as JSON: 403 outside the user's scope, 409 a rule broken, 400 bad input.

Each answer names a code and carries the message in the user's language, so the page can
show it as it rolls a move back.
"""

from __future__ import annotations

import logging

from aiohttp import web

from bot.webapp.auth import API_PREFIX, Handler
from bot.webapp.context import USER, context_of
from crm.errors import AccessDenied, CrmInputError

log = logging.getLogger(__name__)


class BadRequest(ValueError):
    """The request body or query is not what the route takes."""


def _message(request: web.Request, code: str) -> str:
    user = request.get(USER)
    i18n = context_of(request).translator.pick(user.language if user else None)
    # The bot's own crm-error-* texts first, so both doors refuse in the same words.
    for key in (f"miniapp-error-{code}", f"crm-error-{code}"):
        if i18n.has(key):
            return i18n.get(key)
    return i18n.get("miniapp-error-generic")


def _answer(request: web.Request, status: int, code: str) -> web.Response:
    return web.json_response(
        {"error": code, "message": _message(request, code)}, status=status
    )


@web.middleware
async def crm_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not request.path.startswith(API_PREFIX):
        return await handler(request)
    try:
        return await handler(request)
    except AccessDenied:
        return _answer(request, 403, "forbidden")
    except CrmInputError as error:
        return _answer(request, 409, error.code)
    except (BadRequest, ValueError, KeyError, TypeError) as error:  # JSONDecodeError too
        log.info("bad Mini App request %s: %s", request.path, error)
        return _answer(request, 400, "bad_request")
