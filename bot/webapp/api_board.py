"""The kanban's routes: the board, one column's next page, and a move."""

from __future__ import annotations

from aiohttp import web

from bot.webapp import requests as read
from bot.webapp.card_sync import refresh_card_messages
from bot.webapp.context import context_of, user_of
from bot.webapp.errors import BadRequest
from bot.webapp.payloads import board_card, column, cursor
from crm import board, pipeline
from db.records.board import BOARD_PERIODS, BoardFilters


def _filters(request: web.Request) -> BoardFilters:
    user = user_of(request)
    owner = request.query.get("owner", "")
    team = request.query.get("team", "")
    period = read.query_int(request, "period")
    if period is not None and period not in BOARD_PERIODS:
        raise BadRequest(f"period must be one of {BOARD_PERIODS}")
    return BoardFilters(
        owner_id=user.id if owner == "me" else read.query_int(request, "owner"),
        team_id=user.team_id if team == "mine" else read.query_int(request, "team"),
        stack=read.query_list(request, "stack"),
        period_days=period if "period" in request.query else BoardFilters.period_days,
    )


async def get_board(request: web.Request) -> web.Response:
    columns = await board.board(context_of(request).uow(), user_of(request), _filters(request))
    return web.json_response({"columns": [column(c) for c in columns]})


async def get_column(request: web.Request) -> web.Response:
    cards, more = await board.column_page(
        context_of(request).uow(), user_of(request), request.match_info["stage"],
        _filters(request), read.board_cursor(request),
    )
    return web.json_response({"cards": [board_card(c) for c in cards], "next": cursor(more)})


async def move_card(request: web.Request) -> web.Response:
    """The same use case as the bot's stage buttons; `from` refuses a card moved meanwhile."""
    context, card_id = context_of(request), read.path_id(request)
    values = await read.body(request)
    moved = await pipeline.move(
        context.uow(), user_of(request), card_id, read.text(values, "to") or "",
        read.text(values, "reason", required=False),
        expected_stage=read.text(values, "from", required=False),
    )
    await refresh_card_messages(context, moved.id)
    return web.json_response({"id": moved.id, "stage": moved.stage,
                              "owner_id": moved.owner_user_id,
                              "moved_at": moved.stage_changed_at.isoformat()})


def board_routes() -> list[web.RouteDef]:
    return [
        web.get("/miniapp/api/board", get_board),
        web.get("/miniapp/api/board/{stage}", get_column),
        web.post("/miniapp/api/cards/{id}/move", move_card),
    ]
