"""The Reader over a Telethon client: incremental history, live events, errors made plain."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Collection, Iterator
from datetime import datetime
from typing import Any

from aiolimiter import AsyncLimiter
from telethon import TelegramClient, errors, events, functions, types, utils

from collector.convert import to_raw
from collector.pacing import HISTORY_PAGE_WAIT, account_gate
from collector.reader import ChatFloodWait, ChatLost, LiveSink, RawMessage, ResolvedChat
from db.records.sources import SourceRef

log = logging.getLogger(__name__)

# iter_messages fetches this many per request; the gate is taken once per page.
HISTORY_PAGE = 100
# How often the connection watcher looks for a reconnect (to trigger a gap fill).
CONNECTION_POLL_SECONDS = 5.0

LOST_ERRORS: tuple[type[Exception], ...] = (
    errors.ChannelPrivateError, errors.ChannelInvalidError, errors.ChannelBannedError,
    errors.ChatForbiddenError, errors.ChatAdminRequiredError, errors.UsernameNotOccupiedError,
    errors.UsernameInvalidError, errors.InviteHashExpiredError, errors.InviteHashInvalidError,
    errors.InviteRequestSentError, errors.PeerIdInvalidError,
)


@contextlib.contextmanager
def plain_errors() -> Iterator[None]:
    """Telethon's errors → the Reader's two: wait (FloodWait) or give up on the chat."""
    try:
        yield
    except errors.FloodWaitError as exc:
        raise ChatFloodWait(exc.seconds) from exc
    except LOST_ERRORS as exc:
        raise ChatLost(f"{type(exc).__name__}: {exc}") from exc
    except ValueError as exc:  # get_input_entity: an id this session has never seen
        raise ChatLost(str(exc)) from exc


def chat_info(entity: Any) -> ResolvedChat:
    if isinstance(entity, types.Channel):
        kind = "supergroup" if entity.megagroup else "channel"
    elif isinstance(entity, types.Chat):
        kind = "group"
    else:
        kind = "private"
    return ResolvedChat(
        tg_id=utils.get_peer_id(entity), kind=kind,
        title=getattr(entity, "title", None) or utils.get_display_name(entity) or None,
        username=getattr(entity, "username", None),
        access_hash=getattr(entity, "access_hash", None),
    )


class TelethonReader:
    def __init__(self, client: TelegramClient, gate: AsyncLimiter | None = None) -> None:
        self.client = client
        self.gate = gate or account_gate()
        self._usernames: dict[int, str | None] = {}

    async def resolve(self, ref: SourceRef) -> ResolvedChat:
        await self.gate.acquire()
        with plain_errors():
            if ref.kind == "invite":
                entity = await self._join(ref.value)
            else:
                entity = await self.client.get_entity(
                    int(ref.value) if ref.kind == "id" else ref.value
                )
        chat = chat_info(entity)
        self._usernames[chat.tg_id] = chat.username
        return chat

    async def _join(self, invite_hash: str) -> Any:
        invite = await self.client(functions.messages.CheckChatInviteRequest(invite_hash))
        if isinstance(invite, types.ChatInviteAlready | types.ChatInvitePeek):
            return invite.chat
        with contextlib.suppress(errors.UserAlreadyParticipantError):
            updates = await self.client(functions.messages.ImportChatInviteRequest(invite_hash))
            return updates.chats[0]
        raise ChatLost(f"invite {invite_hash}: already a member but the chat is not visible")

    async def _peer(self, chat: ResolvedChat) -> Any:
        if chat.access_hash is not None and chat.kind in ("channel", "supergroup"):
            bare = utils.resolve_id(chat.tg_id)[0]
            return types.InputPeerChannel(bare, chat.access_hash)
        # The session file remembers access hashes of every chat this account has seen.
        return await self.client.get_input_entity(chat.tg_id)

    async def _read(
        self, chat: ResolvedChat, since: datetime | None = None, **query: Any
    ) -> AsyncIterator[RawMessage]:
        """iter_messages paced by the gate; newest-first reads stop at `since`."""
        username = chat.username or self._usernames.get(chat.tg_id)
        await self.gate.acquire()
        with plain_errors():
            peer = await self._peer(chat)
            count = 0
            async for message in self.client.iter_messages(
                peer, wait_time=HISTORY_PAGE_WAIT, **query
            ):
                if since is not None and message.date is not None and message.date < since:
                    break
                count += 1
                if count % HISTORY_PAGE == 0:
                    await self.gate.acquire()
                raw = to_raw(message, username)
                if raw is not None:
                    yield raw

    def history(self, chat: ResolvedChat, after_id: int) -> AsyncIterator[RawMessage]:
        return self._read(chat, min_id=after_id, reverse=True)

    def recent(self, chat: ResolvedChat, since: datetime) -> AsyncIterator[RawMessage]:
        """Every message posted since `since`, newest first: what the chat holds now."""
        return self._read(chat, since)

    def subscribe(self, chat_ids: Collection[int], sink: LiveSink) -> None:
        """`chat_ids` is read at every event, so a live view (dict keys) follows new sources."""
        names = self._usernames

        def wanted(event: Any) -> bool:
            return event.chat_id in chat_ids

        async def on_new(event: Any) -> None:
            raw = to_raw(event.message, names.get(event.chat_id))
            if raw is not None:
                await sink.on_messages([raw])

        async def on_album(event: Any) -> None:
            raws = [to_raw(m, names.get(event.chat_id)) for m in event.messages]
            await sink.on_messages([r for r in raws if r is not None])

        async def on_deleted(event: Any) -> None:
            await sink.on_deleted(event.chat_id, list(event.deleted_ids))

        # Album parts also arrive as NewMessage; storing merges by grouped_id, so both paths
        # are safe and whichever comes first wins.
        self.client.add_event_handler(on_new, events.NewMessage(func=wanted))
        self.client.add_event_handler(on_new, events.MessageEdited(func=wanted))
        self.client.add_event_handler(on_album, events.Album(func=wanted))
        self.client.add_event_handler(on_deleted, events.MessageDeleted(func=wanted))

    async def watch_connection(self, sink: LiveSink, stop: asyncio.Event) -> None:
        """Telethon reconnects by itself; updates missed meanwhile are re-read by a gap fill."""
        was_connected = self.client.is_connected()
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), CONNECTION_POLL_SECONDS)
            connected = self.client.is_connected()
            if connected and not was_connected:
                log.info("telegram connection is back: filling gaps")
                await sink.on_reconnect()
            was_connected = connected
