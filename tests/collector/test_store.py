from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from collector.convert import to_raw
from collector.importer import import_file
from collector.intake import Collector
from db.models import Post, PostVersion
from db.records.posts import PostRecord
from db.records.sources import SourceRecord
from db.repositories.posts import PostRepo, to_record
from db.repositories.sources import SourceRepo
from db.uow import UnitOfWork
from tests.fakes.telethon import T0, FakeReader, marked, raw, tl_message

CHAT = marked(777)


async def _posts(uow: UnitOfWork) -> list[PostRecord]:
    async with uow:
        rows = (await uow.session.scalars(sa.select(Post).order_by(Post.message_id))).all()
        return [to_record(row) for row in rows]


async def _source(uow: UnitOfWork) -> SourceRecord:
    async with uow:
        [found] = await uow.repo(SourceRepo).all()
        return found


def _export(tmp_path: Path, *messages: dict[str, Any]) -> Path:
    path = tmp_path / "result.json"
    data = {"name": "Jobs", "type": "public_channel", "id": 777, "messages": list(messages)}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


class TestIdempotentStore:
    async def test_live_history_and_import_store_a_post_once(
        self, collector: Collector, reader: FakeReader, add_source: Any, uow: UnitOfWork,
        tmp_path: Path,
    ) -> None:
        live = to_raw(tl_message(777, 5, "Ищем Java разработчика"), "jobs")
        assert live is not None
        reader.add_chat(CHAT, raw(CHAT, 4, "раньше"), live, raw(CHAT, 6, "позже"))
        await add_source(CHAT)
        await collector.load_sources()
        reader.subscribe([CHAT], collector)
        await reader.emit(live)
        await collector.fill_gaps()
        await collector.fill_gaps()
        unix = int(T0.timestamp())
        await import_file(collector, _export(tmp_path, {
            "id": 5, "type": "message", "date": "2024-05-02T09:00:00",
            "date_unixtime": str(unix), "text": "Ищем Java разработчика",
        }))
        posts = await _posts(uow)
        assert [p.message_id for p in posts] == [4, 5, 6]
        assert posts[1].permalink == "https://t.me/jobs/5"
        assert all(p.version == 1 for p in posts)

    async def test_cursor_moves_only_with_history_batches(
        self, collector: Collector, reader: FakeReader, add_source: Any, uow: UnitOfWork,
    ) -> None:
        reader.add_chat(CHAT, *(raw(CHAT, i, f"post {i}", minutes=i) for i in range(1, 8)))
        await add_source(CHAT)
        await collector.load_sources()
        await collector.on_messages([raw(CHAT, 50, "live", minutes=50)])
        assert (await _source(uow)).read_cursor == 0
        await collector.fill_gaps()
        source = await _source(uow)
        assert source.read_cursor == 7
        assert source.last_post_at == T0.replace(minute=50)
        assert reader.history_calls == [(CHAT, 0)]

    async def test_failing_batch_leaves_cursor_and_posts_unchanged(
        self, collector: Collector, reader: FakeReader, add_source: Any, uow: UnitOfWork,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        reader.add_chat(CHAT, *(raw(CHAT, i, f"post {i}") for i in range(1, 6)))
        await add_source(CHAT)
        original = PostRepo.insert_new
        calls = 0

        async def second_batch_fails(self: PostRepo, *args: Any) -> set[int]:
            nonlocal calls
            calls += 1
            inserted = await original(self, *args)
            if calls == 2:
                raise RuntimeError("disk full")
            return inserted

        monkeypatch.setattr(PostRepo, "insert_new", second_batch_fails)
        report = await collector.fill_gaps()
        assert report.failed == 1
        assert [p.message_id for p in await _posts(uow)] == [1, 2, 3]
        source = await _source(uow)
        assert source.read_cursor == 3
        assert "disk full" in (source.last_error or "")
        monkeypatch.setattr(PostRepo, "insert_new", original)
        await collector.fill_gaps()
        assert [p.message_id for p in await _posts(uow)] == [1, 2, 3, 4, 5]
        assert (await _source(uow)).read_cursor == 5


class TestEditsAndDeletions:
    async def test_edit_keeps_history_and_requeues_classification(
        self, collector: Collector, reader: FakeReader, add_source: Any, uow: UnitOfWork,
    ) -> None:
        await add_source(CHAT)
        await collector.load_sources()
        await collector.on_messages([raw(CHAT, 9, "Ищем Go, 2000 ₽/ч")])
        async with uow:
            await uow.session.execute(sa.update(Post).values(classify_state="done"))
            await uow.commit()
        edited = raw(CHAT, 9, "Ищем Go, 2500 ₽/ч", edit_date=T0.replace(hour=12))
        await collector.on_messages([edited])
        await collector.on_messages([edited])  # the same edit twice is one edit
        [post] = await _posts(uow)
        assert (post.text, post.version) == ("Ищем Go, 2500 ₽/ч", 2)
        assert post.classify_state == "pending"
        assert post.edited_at == T0.replace(hour=12)
        async with uow:
            query = sa.select(PostVersion.version, PostVersion.text)
            versions = (await uow.session.execute(query)).all()
        assert [tuple(v) for v in versions] == [(1, "Ищем Go, 2000 ₽/ч")]

    async def test_older_text_never_overwrites_an_edit(
        self, collector: Collector, add_source: Any, uow: UnitOfWork,
    ) -> None:
        await add_source(CHAT)
        await collector.load_sources()
        await collector.on_messages([raw(CHAT, 3, "v2", edit_date=T0.replace(hour=12))])
        await collector.on_messages([raw(CHAT, 3, "v1")])
        [post] = await _posts(uow)
        assert post.text == "v2"

    async def test_deletion_marks_the_post_and_keeps_it(
        self, collector: Collector, reader: FakeReader, add_source: Any, uow: UnitOfWork,
    ) -> None:
        await add_source(CHAT)
        await collector.load_sources()
        reader.subscribe([CHAT], collector)
        await reader.emit(raw(CHAT, 1, "a"), raw(CHAT, 2, "b"))
        await reader.delete(CHAT, [2, 99])
        await collector.on_deleted(None, [1])  # small-group deletions name no chat: ignored
        posts = await _posts(uow)
        assert [(p.message_id, p.deleted_at is not None) for p in posts] == [(1, False), (2, True)]


class TestShapes:
    async def test_album_parts_from_any_path_become_one_post(
        self, collector: Collector, reader: FakeReader, add_source: Any, uow: UnitOfWork,
    ) -> None:
        photo = ({"type": "photo"},)
        parts = [raw(CHAT, i, "Наш бенч: 3 Java" if i == 11 else "", grouped_id=555, media=photo)
                 for i in (10, 11, 12)]
        reader.add_chat(CHAT, *parts)
        await add_source(CHAT)
        await collector.load_sources()
        await collector.on_messages(parts[:1])  # the first photo arrives live alone
        await collector.fill_gaps()  # history brings the rest, split over batches
        await collector.on_messages(parts)  # then the whole album event
        [post] = await _posts(uow)
        assert post.message_id == 10
        assert post.album_message_ids == (10, 11, 12)
        assert post.text == "Наш бенч: 3 Java"
        assert post.classify_state == "pending"

    async def test_forward_origin_is_kept(
        self, collector: Collector, add_source: Any, uow: UnitOfWork,
    ) -> None:
        from telethon.tl import types

        fwd = types.MessageFwdHeader(date=T0, from_id=types.PeerChannel(4242), channel_post=17)
        message = to_raw(tl_message(777, 30, "repost", fwd_from=fwd))
        assert message is not None
        await add_source(CHAT)
        await collector.load_sources()
        await collector.on_messages([message])
        [post] = await _posts(uow)
        assert (post.fwd_chat_id, post.fwd_message_id) == (marked(4242), 17)

    async def test_message_without_text_is_stored_and_skipped(
        self, collector: Collector, add_source: Any, uow: UnitOfWork,
    ) -> None:
        await add_source(CHAT)
        await collector.load_sources()
        await collector.on_messages([raw(CHAT, 1, "", media=({"type": "photo"},))])
        [post] = await _posts(uow)
        assert (post.text, post.classify_state) == ("", "skipped")
        assert post.media == ({"type": "photo"},)

    async def test_huge_post_is_stored_whole(
        self, collector: Collector, add_source: Any, uow: UnitOfWork,
    ) -> None:
        text = ("Ищем QA инженера. " * 6000)[:100_000] + "\x00"
        await add_source(CHAT)
        await collector.load_sources()
        await collector.on_messages([raw(CHAT, 1, text)])
        [post] = await _posts(uow)
        assert len(post.text) == 100_000
