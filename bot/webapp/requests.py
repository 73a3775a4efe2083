"""Reading a route's input: path ids, query filters, JSON bodies; BadRequest when malformed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from aiohttp import web

from bot.webapp.errors import BadRequest
from db.records.board import BoardCursor

MAX_BODY_TEXT = 4000


def path_id(request: web.Request, name: str = "id") -> int:
    raw = request.match_info[name]
    if not raw.isdigit():
        raise BadRequest(f"{name} must be a number")
    return int(raw)


async def body(request: web.Request) -> dict[str, Any]:
    found = await request.json()
    if not isinstance(found, dict):
        raise BadRequest("the body must be a JSON object")
    return found


def text(values: dict[str, Any], name: str, *, required: bool = True) -> str | None:
    value = values.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or len(value) > MAX_BODY_TEXT:
        raise BadRequest(f"{name} must be a string of at most {MAX_BODY_TEXT} characters")
    return value


def number(values: dict[str, Any], name: str) -> int:
    value = values.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest(f"{name} must be an integer")
    return value


def query_int(request: web.Request, name: str) -> int | None:
    raw = request.query.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise BadRequest(f"{name} must be a number")
    return int(raw)


def query_list(request: web.Request, name: str) -> tuple[str, ...]:
    raw = request.query.get(name, "")
    return tuple(item.strip() for item in raw.split(",") if item.strip())[:10]


def query_decimal(request: web.Request, name: str) -> Decimal | None:
    raw = request.query.get(name, "").strip()
    try:
        return Decimal(raw) if raw else None
    except InvalidOperation:
        raise BadRequest(f"{name} must be a number") from None


def query_date(request: web.Request, name: str) -> date | None:
    raw = request.query.get(name, "").strip()
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        raise BadRequest(f"{name} must be YYYY-MM-DD") from None


def local_datetime(values: dict[str, Any], name: str) -> datetime:
    raw = text(values, name) or ""
    try:
        return datetime.fromisoformat(raw).replace(tzinfo=None)
    except ValueError:
        raise BadRequest(f"{name} must be YYYY-MM-DDTHH:MM") from None


def board_cursor(request: web.Request) -> BoardCursor:
    moved, _, card_id = request.query.get("cursor", "").partition(".")
    try:
        at = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=int(moved))
        return BoardCursor(at, int(card_id))
    except (ValueError, OverflowError):
        raise BadRequest("cursor is not one the board gave") from None
