from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from collector.intake import Collector
from collector.reader import ChatFloodWait, ChatLost
from crm import sources
from db.uow import UnitOfWork
from tests.fakes.telethon import FakeReader, marked, raw

A, B, C = marked(1), marked(2), marked(3)


class TestGapFilling:
    async def test_flood_wait_reschedules_only_that_chat(
        self, collector: Collector, reader: FakeReader, add_source: Any, uow: UnitOfWork,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        for chat in (A, B, C):
            reader.add_chat(chat, raw(chat, 1, "x"), username=f"chat{abs(chat) % 10}x")
            await add_source(chat)
        reader.errors[B] = ChatFloodWait(3600)
        with caplog.at_level(logging.WARNING):
            report = await collector.fill_gaps()
        assert (report.read, report.failed) == (2, 1)
        listed = {s.tg_id: s for s in await sources.list_sources(uow)}
        assert listed[A].read_cursor == listed[C].read_cursor == 1
        flooded = listed[B]
        assert flooded.retry_after is not None
        assert flooded.retry_after > datetime.now(UTC) + timedelta(minutes=59)
        assert flooded.health(datetime.now(UTC)) == "flood_wait"
        assert "@chat2x" in caplog.text and "flood wait 3600 s" in caplog.text
        reader.history_calls.clear()
        report = await collector.fill_gaps()
        assert report.skipped == 1
        assert B not in {chat for chat, _ in reader.history_calls}

    async def test_lost_chat_is_logged_and_the_others_go_on(
        self, collector: Collector, reader: FakeReader, add_source: Any, uow: UnitOfWork,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        for chat in (A, B):
            reader.add_chat(chat, raw(chat, 1, "x"), raw(chat, 2, "y"))
            await add_source(chat)
        reader.errors[A] = ChatLost("ChannelPrivateError: The channel is private")
        with caplog.at_level(logging.WARNING):
            await collector.fill_gaps()
        listed = {s.tg_id: s for s in await sources.list_sources(uow)}
        assert listed[B].read_cursor == 2 and listed[B].last_error is None
        assert "ChannelPrivateError" in (listed[A].last_error or "")
        assert listed[A].enabled and listed[B].enabled
        assert "ChannelPrivateError" in caplog.text and str(A) in caplog.text

    async def test_unresolved_source_is_resolved_once_and_cached(
        self, collector: Collector, reader: FakeReader, uow: UnitOfWork,
    ) -> None:
        reader.add_chat(A, raw(A, 4, "x"), username="javajobs")
        await sources.add(uow, "https://t.me/javajobs")
        await collector.fill_gaps()
        await collector.fill_gaps()
        [source] = await sources.list_sources(uow)
        assert (source.tg_id, source.read_cursor, source.title) == (A, 4, "Jobs")
        assert len(reader.resolve_calls) == 1
        assert await sources.cached_username(uow, "javajobs") is not None

    async def test_account_reads_only_its_sources(
        self, session_factory: Any, reader: FakeReader, add_source: Any, uow: UnitOfWork,
    ) -> None:
        for chat in (A, B):
            reader.add_chat(chat, raw(chat, 1, "x"))
        first, second = await add_source(A), await add_source(B)
        await sources.ensure_account(uow, "alpha")
        await sources.ensure_account(uow, "beta")
        await sources.assign(uow, first.id, "alpha")
        await sources.assign(uow, second.id, "beta")
        await Collector(session_factory, None, reader, account="alpha").fill_gaps()
        assert [chat for chat, _ in reader.history_calls] == [A]
