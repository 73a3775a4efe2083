"""Telegram without a network: real Telethon TL objects built locally, and a fake behind the
collector's Reader interface."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from telethon import TelegramClient, utils
from telethon.sessions import MemorySession
from telethon.tl import types

from collector.reader import ChatFloodWait, ChatLost, LiveSink, RawMessage, ResolvedChat
from db.records.sources import SourceRef

T0 = datetime(2024, 5, 2, 9, 0, tzinfo=UTC)
CHANNEL_BASE = 10**12


def marked(bare_id: int) -> int:
    return -(CHANNEL_BASE + bare_id)


def channel(bare_id: int, title: str = "Jobs", username: str | None = None) -> types.Channel:
    return types.Channel(
        id=bare_id, title=title, photo=types.ChatPhotoEmpty(), date=T0, broadcast=True,
        access_hash=bare_id * 7, username=username,
    )


def tl_message(
    bare_id: int, msg_id: int, text: str = "", *, minutes: int = 0, **extra: Any
) -> types.Message:
    """A channel post as Telegram sends it (extra: grouped_id, fwd_from, edit_date, media…)."""
    return types.Message(
        id=msg_id, peer_id=types.PeerChannel(bare_id), date=T0 + timedelta(minutes=minutes),
        message=text, post=True, **extra,
    )


def raw(
    chat_id: int, msg_id: int, text: str = "", *, minutes: int = 0, **extra: Any
) -> RawMessage:
    return RawMessage(chat_id, msg_id, T0 + timedelta(minutes=minutes), text, **extra)


class FakeReader:
    """Chats with scripted history; `errors[chat_id]` makes a chat fail like Telegram would."""

    def __init__(self) -> None:
        self.chats: dict[int, ResolvedChat] = {}
        self.messages: dict[int, list[RawMessage]] = {}
        self.errors: dict[int, Exception] = {}
        self.sink: LiveSink | None = None
        self.history_calls: list[tuple[int, int]] = []
        self.resolve_calls: list[SourceRef] = []

    def add_chat(self, tg_id: int, *messages: RawMessage, username: str | None = None,
                 title: str = "Jobs", kind: str = "channel") -> ResolvedChat:
        chat = ResolvedChat(tg_id, kind, title, username)
        self.chats[tg_id] = chat
        self.messages.setdefault(tg_id, []).extend(messages)
        return chat

    async def resolve(self, ref: SourceRef) -> ResolvedChat:
        self.resolve_calls.append(ref)
        for chat in self.chats.values():
            if chat.username == ref.value or str(chat.tg_id) == ref.value:
                if chat.tg_id in self.errors:
                    raise self.errors[chat.tg_id]
                return chat
        raise ChatLost(f"UsernameNotOccupiedError: {ref.text}")

    async def history(self, chat: ResolvedChat, after_id: int) -> AsyncIterator[RawMessage]:
        self.history_calls.append((chat.tg_id, after_id))
        if chat.tg_id in self.errors:
            raise self.errors[chat.tg_id]
        for message in sorted(self.messages.get(chat.tg_id, ()), key=lambda m: m.message_id):
            if message.message_id > after_id:
                yield message

    async def recent(self, chat: ResolvedChat, since: datetime) -> AsyncIterator[RawMessage]:
        if chat.tg_id in self.errors:
            raise self.errors[chat.tg_id]
        for message in sorted(self.messages.get(chat.tg_id, ()), key=lambda m: -m.message_id):
            if message.date >= since:
                yield message

    def change_offline(self, chat_id: int, *, deleted: Sequence[int] = (),
                       edited: Sequence[RawMessage] = ()) -> None:
        """What happens in a chat while the collector is down: no event reaches it."""
        by_id = {m.message_id: m for m in self.messages.get(chat_id, ())}
        for message_id in deleted:
            by_id.pop(message_id, None)
        by_id.update({m.message_id: m for m in edited})
        self.messages[chat_id] = list(by_id.values())

    def subscribe(self, chat_ids: Collection[int], sink: LiveSink) -> None:
        self.sink = sink

    async def emit(self, *messages: RawMessage) -> None:
        assert self.sink is not None, "subscribe first"
        await self.sink.on_messages(list(messages))

    async def delete(self, chat_id: int, ids: Sequence[int]) -> None:
        assert self.sink is not None, "subscribe first"
        await self.sink.on_deleted(chat_id, ids)


def flood(seconds: int) -> ChatFloodWait:
    return ChatFloodWait(seconds)


class RecordingClient(TelegramClient):
    """A real client that never connects; send_message records or raises as told."""

    def __init__(self) -> None:
        super().__init__(MemorySession(), api_id=1, api_hash="0" * 32)
        self._mb_entity_cache.set_self_user(1, False, 0)
        self.sent: list[tuple[int, str]] = []
        self.fail_with: Exception | None = None

    async def send_message(self, entity: Any, message: Any = "", **kwargs: Any) -> Any:
        if self.fail_with is not None:
            raise self.fail_with
        self.sent.append((entity, message))
        return None


def person(user_id: int) -> types.User:
    return types.User(id=user_id, first_name="Анна", access_hash=user_id * 3)


async def incoming(client: TelegramClient, user_id: int, text: str, at: datetime, *,
                   out: bool = False) -> None:
    """A private message from a person, through the client's real update dispatch."""
    message = types.Message(id=1, peer_id=types.PeerUser(user_id),
                            from_id=types.PeerUser(user_id), out=out,
                            date=at, message=text)
    update = types.UpdateNewMessage(message=message, pts=1, pts_count=1)
    update._entities = {utils.get_peer_id(person(user_id)): person(user_id)}
    await client._dispatch_update(update)
