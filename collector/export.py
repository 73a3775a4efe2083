"""Telegram Desktop's JSON export (result.json) → chats of RawMessages, salvaging what is valid.

One chat ({"name", "type", "id", "messages"}) or a full export ({"chats": {"list": [...]}}).
A message that cannot be read is reported with its place and skipped; a truncated file keeps
every message before the cut.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from collector.export_messages import ExportChat, chat_of
from collector.reader import RawMessage

_MESSAGES = re.compile(r'"messages"\s*:\s*\[')
_NEXT_MESSAGE = re.compile(r'\{\s*"id"\s*:')
_HEADER = re.compile(r'"(name|type|id)"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')


@dataclass(frozen=True)
class ExportProblem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass(frozen=True)
class ExportFile:
    path: Path
    chats: tuple[ExportChat, ...]
    problems: tuple[ExportProblem, ...]

    def messages(self) -> Iterator[tuple[ExportChat, RawMessage]]:
        for chat in self.chats:
            for message in chat.messages:
                yield chat, message


class ExportError(ValueError):
    """Nothing in the file could be read as an export."""


def _chat_dicts(data: Any) -> list[Any]:
    if isinstance(data, Mapping) and isinstance(data.get("chats"), Mapping):
        return list(data["chats"].get("list") or [])
    return [data]


def _salvage(
    text: str, error: json.JSONDecodeError | RecursionError
) -> tuple[list[dict[str, Any]], str]:
    """Decode a broken file message by message; returns chats with what decoded."""
    decoder = json.JSONDecoder()
    chats = []
    for found in _MESSAGES.finditer(text):
        header = {k: json.loads(v) for k, v in _HEADER.findall(text[max(0, found.start() - 20_000):
                                                                    found.start()])}
        messages, pos = [], found.end()
        while True:
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
            if pos >= len(text) or text[pos] != "{":
                break
            try:
                message, pos = decoder.raw_decode(text, pos)
            except RecursionError:
                # Nested too deep to decode: skip to where the next message starts.
                following = _NEXT_MESSAGE.search(text, pos + 1)
                if following is None:
                    break
                pos = following.start()
                continue
            except json.JSONDecodeError:
                break
            messages.append(message)
        chats.append({**header, "messages": messages})
    if isinstance(error, RecursionError):
        return chats, "JSON nested too deep to read whole"
    return chats, f"invalid JSON at line {error.lineno} column {error.colno} ({error.msg})"


def read_export(path: Path) -> ExportFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"{path}: cannot read: {exc}") from exc
    problems: list[ExportProblem] = []
    try:
        chat_dicts = _chat_dicts(json.loads(text))
    except (json.JSONDecodeError, RecursionError) as exc:
        chat_dicts, why = _salvage(text, exc)
        if not chat_dicts:
            raise ExportError(f"{path}: {why}; no messages could be read") from exc
        problems.append(ExportProblem(str(path), f"{why}; kept the messages before it"))
    chats = []
    for index, raw in enumerate(chat_dicts):
        chat, found = chat_of(raw, f"{path} chat #{index + 1}")
        problems.extend(ExportProblem(where, what) for where, what in found)
        if chat is not None:
            chats.append(chat)
    if not chats:
        raise ExportError(f"{path}: no chat with messages found")
    return ExportFile(path, tuple(chats), tuple(problems))
