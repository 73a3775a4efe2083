"""Checks the real Bot API makes before it accepts a message, with its error wording."""

from __future__ import annotations

import re
from typing import Any

from sandbox.entities import (
    Entity,
    EntityParseError,
    detect_entities,
    parse_html,
    utf16_len,
)
from sandbox.errors import BotApiError, bad_request
from sandbox.markdown import parse_markdown, parse_markdown_v2

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_BUTTONS = 100
MAX_INLINE_BUTTONS_PER_ROW = 8
MAX_REPLY_BUTTONS = 300
MAX_REPLY_BUTTONS_PER_ROW = 12

_PARSERS = {"html": parse_html, "markdownv2": parse_markdown_v2, "markdown": parse_markdown}
_INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")


def formatted_text(
    raw: Any, parse_mode: Any, explicit_entities: Any, *, is_caption: bool = False
) -> tuple[str, list[Entity]]:
    """Plain text and entities as Telegram would store them, or the error it answers."""
    text = "" if raw is None else str(raw)
    if parse_mode:
        parser = _PARSERS.get(str(parse_mode).lower())
        if parser is None:
            raise bad_request(f"unsupported parse_mode {parse_mode!r}")
        try:
            text, entities = parser(text)
        except EntityParseError as error:
            raise bad_request(f"can't parse entities: {error}") from None
    else:
        entities = _checked_entities(explicit_entities, text)
    limit = MAX_CAPTION_LENGTH if is_caption else MAX_TEXT_LENGTH
    if not is_caption and not text.strip():
        raise bad_request("message text is empty")
    if utf16_len(text) > limit:
        raise bad_request("message caption is too long" if is_caption else "message is too long")
    return text, detect_entities(text, entities)


def _checked_entities(entities: Any, text: str) -> list[Entity]:
    if not entities:
        return []
    if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
        raise bad_request("can't parse entities JSON object")
    length = utf16_len(text)
    for entity in entities:
        offset, size = entity.get("offset"), entity.get("length")
        if not isinstance(offset, int) or not isinstance(size, int) or offset + size > length:
            raise bad_request("can't parse entities: entity beyond the end of the text")
    return [dict(entity) for entity in entities]


def reply_markup(markup: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Validate a reply_markup object; return it normalised (dict) or None."""
    if markup is None or markup == {}:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _inline_keyboard(markup["inline_keyboard"])
        return markup
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        _reply_keyboard(markup["keyboard"])
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def _rows(keyboard: Any, max_total: int, max_per_row: int) -> list[list[Any]]:
    if not isinstance(keyboard, list) or not all(isinstance(row, list) for row in keyboard):
        raise bad_request("can't parse reply keyboard markup JSON object")
    total = sum(len(row) for row in keyboard)
    if total > max_total or any(len(row) > max_per_row for row in keyboard):
        raise bad_request("reply markup is too long")
    return keyboard


def _inline_keyboard(keyboard: Any) -> None:
    for row in _rows(keyboard, MAX_INLINE_BUTTONS, MAX_INLINE_BUTTONS_PER_ROW):
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text") or "").strip():
                raise bad_request("BUTTON_TEXT_INVALID")
            actions = [name for name in _INLINE_ACTIONS if button.get(name) is not None]
            if not actions:
                raise bad_request("text buttons are unallowed in the inline keyboard")
            if "callback_data" in actions:
                size = len(str(button["callback_data"]).encode())
                if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in actions:
                _check_url(button["url"], "inline keyboard button URL")
            if "web_app" in actions:
                web_app = button["web_app"]
                url = web_app.get("url") if isinstance(web_app, dict) else None
                _check_url(url, "inline keyboard button Web App URL")


def _check_url(url: Any, what: str) -> None:
    # Plain http is accepted on purpose: sandboxed Mini Apps are served from localhost.
    if not isinstance(url, str) or not re.match(r"^(https?|tg)://\S+$", url):
        raise bad_request(f"{what} '{url}' is invalid: Wrong HTTP URL")


def _reply_keyboard(keyboard: Any) -> None:
    for row in _rows(keyboard, MAX_REPLY_BUTTONS, MAX_REPLY_BUTTONS_PER_ROW):
        for button in row:
            text = button.get("text") if isinstance(button, dict) else button
            if not isinstance(text, str) or not text.strip():
                raise bad_request("BUTTON_TEXT_INVALID")


def bot_commands(commands: Any) -> list[dict[str, str]]:
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse commands JSON object")
        if not _COMMAND_NAME.match(str(command.get("command", "")).lower()):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    return [{"command": c["command"], "description": c["description"]} for c in commands]


def required(params: dict[str, Any], name: str) -> Any:
    if params.get(name) in (None, ""):
        raise bad_request(f"{name} is empty" if name != "chat_id" else "chat_id is empty")
    return params[name]


def as_int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise BotApiError(400, f"Bad Request: invalid {name} specified") from None
