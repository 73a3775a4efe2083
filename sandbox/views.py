"""Flat, test-friendly views of stored Telegram messages."""

from __future__ import annotations

from typing import Any

from sandbox.state import Message


def message_view(message: Message) -> dict[str, Any]:
    """message_id, from_bot, date, text/caption with entities, reply_markup and media ids."""
    view: dict[str, Any] = {
        "message_id": message["message_id"],
        "from_bot": bool(message["from"]["is_bot"]),
        "date": message["date"],
        "text": message.get("text"),
        "caption": message.get("caption"),
        "entities": message.get("entities") or message.get("caption_entities") or [],
        "reply_markup": message.get("reply_markup"),
        "photo": [size["file_id"] for size in message.get("photo", [])[-1:]],
        "document": message.get("document"),
        "media_group_id": message.get("media_group_id"),
        "edited": "edit_date" in message,
    }
    return view


def inline_buttons(message: Message) -> list[dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]
