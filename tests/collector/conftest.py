from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from collector.intake import Collector
from crm import sources
from db.records.sources import SourceRecord
from db.uow import UnitOfWork
from tests.fakes.classifier import FakeClassifier
from tests.fakes.telethon import FakeReader


@pytest.fixture
def reader() -> FakeReader:
    return FakeReader()


@pytest.fixture
def classifier() -> FakeClassifier:
    return FakeClassifier()


@pytest.fixture
def collector(
    session_factory: async_sessionmaker[AsyncSession], redis: Any, reader: FakeReader
) -> Collector:
    return Collector(session_factory, redis, reader, batch_size=3)


@pytest.fixture
def add_source(session_factory: async_sessionmaker[AsyncSession], reader: FakeReader) -> Any:
    async def add(tg_id: int, username: str | None = None) -> SourceRecord:
        chat = reader.chats.get(tg_id) or reader.add_chat(tg_id, username=username)
        [source] = await sources.ensure_chats(UnitOfWork(session_factory), [chat])
        return source

    return add
