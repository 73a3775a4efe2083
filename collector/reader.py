"""What the collector needs from Telegram, as a small interface: Telethon is one implementation,
the export file and the replay data set are others, and tests use a fake."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from db.records.sources import ChatInfo, SourceRef

ResolvedChat = ChatInfo


@dataclass(frozen=True)
class RawMessage:
    """One Telegram message as plain values, whatever path brought it."""

    chat_id: int
    message_id: int
    date: datetime
    text: str = ""
    grouped_id: int | None = None
    entities: tuple[Mapping[str, Any], ...] = ()
    author_id: int | None = None
    author_name: str | None = None
    reply_to: int | None = None
    edit_date: datetime | None = None
    fwd_chat_id: int | None = None
    fwd_message_id: int | None = None
    permalink: str | None = None
    media: tuple[Mapping[str, Any], ...] = ()


class ChatFloodWait(Exception):
    """Telegram asked us to wait longer than the client sleeps on its own."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"flood wait of {seconds} s")
        self.seconds = seconds


class ChatLost(Exception):
    """The chat is gone for this account: private, banned, invalid, freed username, dead link."""


class WindowReader(Protocol):
    """A Reader that can also list what a chat holds now since a moment (Telegram does; an
    export or a recorded data set does not): how offline edits and deletions are caught."""

    def recent(self, chat: ResolvedChat, since: datetime) -> AsyncIterator[RawMessage]: ...


class LiveSink(Protocol):
    async def on_messages(self, messages: Sequence[RawMessage]) -> None: ...

    async def on_deleted(self, chat_id: int | None, message_ids: Sequence[int]) -> None: ...

    async def on_reconnect(self) -> None: ...


class Reader(Protocol):
    async def resolve(self, ref: SourceRef) -> ResolvedChat:
        """Raises ChatLost or ChatFloodWait."""
        ...

    def history(self, chat: ResolvedChat, after_id: int) -> AsyncIterator[RawMessage]:
        """Messages with id > after_id, oldest first; raises ChatLost or ChatFloodWait."""
        ...

    def subscribe(self, chat_ids: Collection[int], sink: LiveSink) -> None:
        """Deliver new, edited and deleted messages (and albums) of these chats to `sink`."""
        ...
