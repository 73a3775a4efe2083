"""A Reader over the replay data set (records.jsonl): the kill test and the bench read through
it exactly as the collector reads Telegram."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Collection
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from collector.reader import ChatLost, LiveSink, RawMessage, ResolvedChat
from db.records.sources import SourceRef


def _raw(row: dict[str, Any]) -> RawMessage:
    return RawMessage(
        chat_id=int(row["chat_id"]), message_id=int(row["id"]),
        date=datetime.fromisoformat(row["datetime"]).replace(tzinfo=UTC),
        text=row.get("text") or "", permalink=row.get("link"),
        entities=tuple({"type": "hashtag", "text": t} for t in row.get("hashtags_derived") or ()),
    )


class JsonlReader:
    def __init__(self, path: Path, *, page_delay: float = 0.0) -> None:
        self.chats: dict[int, ResolvedChat] = {}
        self.messages: dict[int, list[RawMessage]] = {}
        self.page_delay = page_delay
        seen: set[tuple[int, int]] = set()
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                raw = _raw(row)
                if (raw.chat_id, raw.message_id) in seen:
                    continue
                seen.add((raw.chat_id, raw.message_id))
                self.chats.setdefault(raw.chat_id, ResolvedChat(
                    raw.chat_id, "channel", row.get("channel_title"), row.get("channel_username")
                ))
                self.messages.setdefault(raw.chat_id, []).append(raw)
        for messages in self.messages.values():
            messages.sort(key=lambda m: m.message_id)

    async def resolve(self, ref: SourceRef) -> ResolvedChat:
        for chat in self.chats.values():
            if str(chat.tg_id) == ref.value or (chat.username or "").lower() == ref.value:
                return chat
        raise ChatLost(f"{ref.text} is not in the data set")

    async def history(self, chat: ResolvedChat, after_id: int) -> AsyncIterator[RawMessage]:
        for message in self.messages.get(chat.tg_id, ()):
            if message.message_id > after_id:
                if self.page_delay:
                    await asyncio.sleep(self.page_delay)
                yield message

    def subscribe(self, chat_ids: Collection[int], sink: LiveSink) -> None:
        """A recorded data set has no live updates."""
