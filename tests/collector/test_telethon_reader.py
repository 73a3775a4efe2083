"""Real Telethon objects through the real client's event dispatch and our conversion."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from typing import Any

import pytest
from telethon import TelegramClient, errors, utils
from telethon.sessions import MemorySession
from telethon.tl import types

from collector.convert import to_raw
from collector.reader import ChatFloodWait, ChatLost, RawMessage, ResolvedChat
from collector.telethon_reader import TelethonReader
from tests.fakes.telethon import T0, channel, marked, tl_message


class Sink:
    def __init__(self) -> None:
        self.messages: list[RawMessage] = []
        self.deleted: list[tuple[int | None, list[int]]] = []

    async def on_messages(self, messages: Sequence[RawMessage]) -> None:
        self.messages.extend(messages)

    async def on_deleted(self, chat_id: int | None, message_ids: Sequence[int]) -> None:
        self.deleted.append((chat_id, list(message_ids)))

    async def on_reconnect(self) -> None:
        pass


@pytest.fixture
def client() -> TelegramClient:
    client = TelegramClient(MemorySession(), api_id=1, api_hash="0" * 32)
    client._mb_entity_cache.set_self_user(1, False, 0)
    return client


async def _dispatch(client: TelegramClient, update: Any, chat: types.Channel) -> None:
    update._entities = {utils.get_peer_id(chat): chat}
    await client._dispatch_update(update)


class TestConversion:
    def test_entities_reply_forward_and_permalink(self) -> None:
        text = "🔥 Ищем React #frontend, пишите @hr_bot или сюда"
        offset = lambda part: len(text[: text.index(part)].encode("utf-16-le")) // 2  # noqa: E731
        message = tl_message(
            777, 10, text,
            entities=[types.MessageEntityHashtag(offset("#frontend"), 9),
                      types.MessageEntityMention(offset("@hr_bot"), 7),
                      types.MessageEntityTextUrl(offset("сюда"), 4, "https://hh.ru/v/1")],
            reply_to=types.MessageReplyHeader(reply_to_msg_id=3),
            fwd_from=types.MessageFwdHeader(date=T0, from_id=types.PeerChannel(9), channel_post=4),
            media=types.MessageMediaPhoto(), post_author="Анна", grouped_id=None,
        )
        out = to_raw(message)
        assert out is not None
        assert out.chat_id == marked(777)
        assert [e["text"] for e in out.entities] == ["#frontend", "@hr_bot", "сюда"]
        assert out.entities[2]["url"] == "https://hh.ru/v/1"
        assert (out.reply_to, out.fwd_chat_id, out.fwd_message_id) == (3, marked(9), 4)
        assert out.permalink == "https://t.me/c/777/10"
        assert out.author_name == "Анна"
        assert out.media == ({"type": "photo"},)

    def test_service_message_is_not_a_post(self) -> None:
        service = types.MessageService(
            id=1, peer_id=types.PeerChannel(777), date=T0,
            action=types.MessageActionChannelCreate(title="x"),
        )
        assert to_raw(service) is None


class TestLiveEvents:
    async def test_new_edited_deleted_and_album_reach_the_sink(self, client: Any) -> None:
        chat = channel(777, username="jobs")
        sink = Sink()
        TelethonReader(client).subscribe([marked(777)], sink)
        new = types.UpdateNewChannelMessage(tl_message(777, 5, "Ищем Go"), pts=1, pts_count=1)
        other = types.UpdateNewChannelMessage(tl_message(888, 5, "чужой"), pts=1, pts_count=1)
        edit = types.UpdateEditChannelMessage(
            tl_message(777, 5, "Ищем Go senior", edit_date=T0), pts=2, pts_count=1
        )
        delete = types.UpdateDeleteChannelMessages(channel_id=777, messages=[5], pts=3,
                                                   pts_count=1)
        for update in (new, other, edit, delete):
            await _dispatch(client, update, chat if update is not other else channel(888))
        assert [(m.chat_id, m.message_id, m.text) for m in sink.messages] == [
            (marked(777), 5, "Ищем Go"), (marked(777), 5, "Ищем Go senior"),
        ]
        assert sink.messages[1].edit_date == T0
        assert sink.deleted == [(marked(777), [5])]


    async def test_album_arrives_as_one_batch(self, client: Any) -> None:
        chat = channel(777)
        sink = Sink()
        TelethonReader(client).subscribe([marked(777)], sink)
        for i, text in ((20, "Бенч: 2 QA"), (21, "")):
            message = tl_message(777, i, text, grouped_id=99, media=types.MessageMediaPhoto())
            await _dispatch(client, types.UpdateNewChannelMessage(message, pts=i, pts_count=1),
                            chat)
        await asyncio.sleep(0.8)  # Telethon's AlbumHack waits a moment for the other parts
        batches = [m.message_id for m in sink.messages]
        assert batches.count(20) == 2 and batches.count(21) == 2  # NewMessage + Album
        assert {m.grouped_id for m in sink.messages} == {99}


class TestHistory:
    async def test_reads_after_cursor_oldest_first(self, client: Any) -> None:
        seen: dict[str, Any] = {}

        async def iter_messages(peer: Any, **kwargs: Any) -> AsyncIterator[Any]:
            seen.update(kwargs, peer=peer)
            for i in (11, 12):
                yield tl_message(777, i, f"post {i}")

        client.iter_messages = iter_messages
        chat = ResolvedChat(marked(777), "channel", "Jobs", "jobs", access_hash=5)
        got = [m async for m in TelethonReader(client).history(chat, 10)]
        assert [m.message_id for m in got] == [11, 12]
        assert got[0].permalink == "https://t.me/jobs/11"
        assert (seen["min_id"], seen["reverse"]) == (10, True)
        assert seen["peer"] == types.InputPeerChannel(777, 5)

    @pytest.mark.parametrize(("error", "expected"), [
        (errors.FloodWaitError(request=None, capture=420), ChatFloodWait),
        (errors.ChannelPrivateError(request=None), ChatLost),
        (errors.UsernameNotOccupiedError(request=None), ChatLost),
    ])
    async def test_telegram_errors_become_reader_errors(
        self, client: Any, error: Exception, expected: type[Exception]
    ) -> None:
        async def iter_messages(peer: Any, **kwargs: Any) -> AsyncIterator[Any]:
            raise error
            yield  # pragma: no cover

        client.iter_messages = iter_messages
        chat = ResolvedChat(marked(777), "channel", access_hash=5)
        with pytest.raises(expected) as caught:
            [m async for m in TelethonReader(client).history(chat, 0)]
        if isinstance(caught.value, ChatFloodWait):
            assert caught.value.seconds == 420
