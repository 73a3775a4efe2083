"""One chat of a Telegram Desktop export → ExportChat; a bad message is a problem, not a crash."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from collector.reader import RawMessage, ResolvedChat

_CHANNEL_BASE = 10**12
_INT64_MAX = 2**63 - 1
_TITLE_CHARS = 255
# NUL and lone surrogates: valid in JSON strings, refused by PostgreSQL and UTF-8.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_KINDS = {
    "public_channel": "channel", "private_channel": "channel",
    "public_supergroup": "supergroup", "private_supergroup": "supergroup",
    "private_group": "group", "personal_chat": "private", "bot_chat": "private",
    "saved_messages": "private",
}
# Export segment types → the entity types the collector keeps (as convert.py names them).
_ENTITY_TYPES = {"link": "url", "text_link": "text_url", "hashtag": "hashtag",
                 "mention": "mention", "mention_name": "mention_name", "email": "email",
                 "phone": "phone"}


@dataclass(frozen=True)
class ExportChat:
    chat: ResolvedChat
    messages: tuple[RawMessage, ...]


def marked_id(raw_id: int, kind: str) -> int:
    """Exports write bare ids; the collector keys chats by Telegram's marked peer id."""
    if raw_id < 0 or kind in ("private",):
        return raw_id
    return -(_CHANNEL_BASE + raw_id) if kind in ("channel", "supergroup") else -raw_id


def _clean(value: str, limit: int | None = None) -> str:
    clean = _UNSTORABLE.sub("", value)
    return clean[:limit] if limit is not None else clean


def _int64(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} is {type(value).__name__}, expected an integer")
    if not -_INT64_MAX <= value <= _INT64_MAX:
        raise ValueError(f"{what} {value} does not fit in 64 bits")
    return value


def _optional_int64(value: Any, what: str) -> int | None:
    return None if value is None else _int64(value, what)


def _optional_str(value: Any, what: str, limit: int | None = None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{what} is {type(value).__name__}, expected a string")
    return _clean(value, limit) or None


def _peer(from_id: Any) -> int | None:
    if not isinstance(from_id, str):
        return None
    for prefix, kind in (("user", "private"), ("channel", "channel"), ("chat", "group")):
        digits = from_id[len(prefix):]
        if from_id.startswith(prefix) and digits.isdigit() and len(digits) <= 18:
            return marked_id(int(digits), kind)
    return None


def _segment(part: Any) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, Mapping) and isinstance(part.get("text", ""), str):
        return str(part.get("text", ""))
    raise ValueError(f"a text segment is {type(part).__name__}, expected a string or an object "
                     "with a string text")


def _text(value: Any) -> str:
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, list):
        return _clean("".join(_segment(p) for p in value))
    raise ValueError(f"text is {type(value).__name__}, expected a string or a list")


def _entities(message: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    segments = message.get("text_entities")
    if segments is None and isinstance(message.get("text"), list):
        segments = [p for p in message["text"] if isinstance(p, Mapping)]
    out = []
    for seg in segments or ():
        kind = _ENTITY_TYPES.get(str(seg.get("type"))) if isinstance(seg, Mapping) else None
        if kind is None:
            continue
        text = seg.get("text", "")
        entity = {"type": kind, "text": _clean(text) if isinstance(text, str) else ""}
        if kind in ("url", "text_url"):
            url = seg.get("href") or text
            entity["url"] = _clean(url) if isinstance(url, str) else ""
        out.append(entity)
    return tuple(out)


def _date(message: Mapping[str, Any], field: str) -> datetime | None:
    unix = message.get(f"{field}_unixtime")
    if unix is not None:
        return datetime.fromtimestamp(int(unix), UTC)
    value = message.get(field)
    # Old exports have only local time without a zone; UTC is the least wrong guess.
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None


def _media(message: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    if "photo" in message:
        return ({"type": "photo"},)
    if "file" in message or "media_type" in message:
        return ({"type": message.get("media_type") or "document",
                 "mime_type": message.get("mime_type"), "file_name": message.get("file_name")},)
    return ()


def to_raw(message: Mapping[str, Any], chat: ResolvedChat) -> RawMessage:
    date = _date(message, "date")
    if date is None:
        raise ValueError("no date")
    bare = -chat.tg_id - _CHANNEL_BASE
    message_id = _int64(message["id"], "id")
    return RawMessage(
        chat_id=chat.tg_id, message_id=message_id, date=date,
        text=_text(message.get("text", "")), entities=_entities(message),
        author_id=_peer(message.get("from_id")),
        author_name=_optional_str(message.get("from"), "from", _TITLE_CHARS),
        reply_to=_optional_int64(message.get("reply_to_message_id"), "reply_to_message_id"),
        edit_date=_date(message, "edited"),
        permalink=f"https://t.me/c/{bare}/{message_id}" if bare > 0 else None,
        media=_media(message),
    )


def _albums(messages: list[RawMessage]) -> list[RawMessage]:
    """Exports drop grouped_id; an album shows as media messages with consecutive ids, one
    sender and one second. Such runs get a synthetic (negative) grouped_id."""
    out: list[RawMessage] = []
    for message in messages:
        prev = out[-1] if out else None
        if (prev is not None and message.media and prev.media and prev.date == message.date
                and prev.author_id == message.author_id
                and message.message_id == prev.message_id + 1):
            group = prev.grouped_id or -prev.message_id
            out[-1] = replace(prev, grouped_id=group)
            message = replace(message, grouped_id=group)
        out.append(message)
    return out


def _chat(data: Any) -> ResolvedChat:
    if not isinstance(data, Mapping) or not isinstance(data.get("id"), int):
        raise ValueError("not a chat (no numeric id)")
    kind = _KINDS.get(str(data.get("type")), "channel")
    tg_id = _int64(marked_id(_int64(data["id"], "chat id"), kind), "chat id")
    name = data.get("name")
    return ResolvedChat(tg_id, kind, _clean(name, _TITLE_CHARS) if isinstance(name, str) else None)


def chat_of(data: Any, where: str) -> tuple[ExportChat | None, list[tuple[str, str]]]:
    try:
        chat = _chat(data)
    except ValueError as exc:
        return None, [(where, str(exc))]
    problems: list[tuple[str, str]] = []
    messages: list[RawMessage] = []
    for index, message in enumerate(data.get("messages") or ()):
        place = f"{where} ({chat.title}) message #{index + 1}"
        if not isinstance(message, Mapping):
            problems.append((place, "not an object"))
            continue
        if message.get("type", "message") != "message":
            continue  # service messages: joins, pins, title changes
        try:
            messages.append(to_raw(message, chat))
        except Exception as exc:  # whatever is odd about it, it costs only itself
            problems.append((f"{place} id={str(message.get('id'))[:24]}",
                             f"skipped: {type(exc).__name__}: {str(exc)[:200]}"))
    return ExportChat(chat, tuple(_albums(messages))), problems
