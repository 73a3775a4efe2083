"""Decoding Bot API request bodies: JSON, url-encoded forms and multipart with uploads."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import BodyPartReader, MultipartReader, StreamReader

from sandbox.errors import bad_request

# Form fields always carry strings; these hold JSON objects or arrays.
JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "media",
        "commands",
        "scope",
        "menu_button",
        "allowed_updates",
        "link_preview_options",
        "reply_parameters",
        "results",
        "message_ids",
    }
)
INT_FIELDS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "reply_to_message_id",
        "message_thread_id",
        "cache_time",
        "max_connections",
    }
)
# Free text stays a string even when it reads "true" or "123".
TEXT_FIELDS = frozenset({"text", "caption", "callback_data", "url", "secret_token", "query"})


@dataclass(frozen=True)
class Upload:
    file_name: str
    data: bytes


def normalise_params(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Give form strings the types a JSON body would have had."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        params[key] = _typed(key, value) if isinstance(value, str) else value
    return params


def _typed(key: str, value: str) -> Any:
    if key in TEXT_FIELDS:
        return value
    if key in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {key} JSON object") from None
    if key in INT_FIELDS and value.lstrip("-").isdigit():
        return int(value)
    if value in ("true", "false"):
        return value == "true"
    return value


async def decode_body(
    content_type: str,
    headers: Mapping[str, str],
    content: StreamReader,
    query: Mapping[str, str],
) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Params (typed) and uploaded files from a request or a webhook reply body."""
    raw: dict[str, Any] = dict(query)
    uploads: dict[str, Upload] = {}
    if content_type == "application/json":
        body = await content.read()
        if body.strip():
            decoded = json.loads(body)
            if not isinstance(decoded, dict):
                raise bad_request("request body must be a JSON object")
            raw.update(decoded)
    elif content_type == "multipart/form-data":
        reader = MultipartReader(headers, content)
        while (part := await reader.next()) is not None:
            if isinstance(part, BodyPartReader) and part.name:
                if part.filename is not None:
                    uploads[part.name] = Upload(part.filename, bytes(await part.read()))
                else:
                    raw[part.name] = await part.text()
    elif content_type == "application/x-www-form-urlencoded":
        body = await content.read()
        raw.update(parse_qsl(body.decode(), keep_blank_values=True))
    return normalise_params(raw), uploads
