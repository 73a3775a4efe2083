"""Deleted posts leave their cards; a card left with none is withdrawn (out of the feed, its
pushes cancelled, its owner told); offline edits and deletions are caught by re-reading a
recent window; deletions in basic groups (which name no chat) are matched by message id."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from collector.classify_worker import ClassifyWorker
from collector.intake import Collector
from crm import searches
from db.models import Notification, Post, RequestCard, SavedSearch
from db.uow import UnitOfWork
from tests.crm import factories
from tests.fakes.classifier import FakeClassifier
from tests.fakes.telethon import FakeReader, marked, raw

A, B, GROUP = marked(1), marked(2), -4242
REQUEST = "Ищем Middle React разработчика на проект, удаленно, 2500 ₽/ч"
# Wide enough to hold the fake's 2024 messages: the window is relative to now.
EVERYTHING = timedelta(days=365 * 20)


async def _card(uow: UnitOfWork) -> tuple[int, bool]:
    """(source_count, withdrawn) of the one card."""
    async with uow:
        row = (await uow.session.execute(sa.select(
            RequestCard.source_count, RequestCard.withdrawn_at.is_not(None)))).one()
    return int(row[0]), bool(row[1])


async def _setup(live: Collector, reader: FakeReader, session_factory: Any, redis: Any) -> None:
    await live.on_messages([raw(A, 1, REQUEST), raw(B, 7, REQUEST)])
    await ClassifyWorker(session_factory, redis, FakeClassifier()).drain()


class TestWithdrawal:
    async def test_a_card_loses_deleted_sources_and_is_withdrawn_with_the_last(
        self, collector: Collector, reader: FakeReader, add_source: Any,
        session_factory: Any, redis: Any, uow: UnitOfWork,
    ) -> None:
        await add_source(A)
        await add_source(B)
        await collector.load_sources()
        reader.subscribe(collector.by_chat.keys(), collector)
        await _setup(collector, reader, session_factory, redis)
        assert await _card(uow) == (2, False)
        owner = await factories.user(uow, 501)
        searcher = await factories.user(uow, 502)
        async with session_factory() as session:
            await session.execute(sa.update(RequestCard).values(
                owner_user_id=owner.id, stage="in_work"))
            session.add(SavedSearch(user_id=searcher.id, name="react", filters={}))
            await session.commit()
        await searches.match_new_cards(uow)

        await reader.delete(A, [1])
        assert await _card(uow) == (1, False)
        await reader.delete(B, [7])
        assert await _card(uow) == (0, True)
        async with uow:
            rows = (await uow.session.execute(
                sa.select(Notification.user_id, Notification.kind, Notification.status))).all()
        assert (searcher.id, "search_match", "cancelled") in rows
        assert (owner.id, "followup", "pending") in rows
        # A withdrawn card is never matched again.
        assert (await searches.match_new_cards(uow)).cards == 0


class TestOfflineChanges:
    async def test_edits_and_deletions_while_down_are_caught_by_the_recent_window(
        self, collector: Collector, reader: FakeReader, add_source: Any, uow: UnitOfWork,
    ) -> None:
        reader.add_chat(A, raw(A, 1, "a"), raw(A, 2, "b"), raw(A, 3, "c"))
        await add_source(A)
        await collector.load_sources()
        await collector.fill_gaps()
        later = raw(A, 2, "b, edited", edit_date=raw(A, 2).date + timedelta(hours=1))
        reader.change_offline(A, deleted=[3], edited=[later])
        assert await collector.reread_recent(EVERYTHING) == 1
        async with uow:
            rows = (await uow.session.execute(
                sa.select(Post.message_id, Post.text, Post.deleted_at.is_not(None))
                .order_by(Post.message_id))).all()
        assert [tuple(r) for r in rows] == [(1, "a", False), (2, "b, edited", False),
                                            (3, "c", True)]
        assert await collector.reread_recent(EVERYTHING) == 0  # nothing twice

    async def test_posts_older_than_the_window_are_left_alone(
        self, collector: Collector, reader: FakeReader, add_source: Any, uow: UnitOfWork,
    ) -> None:
        reader.add_chat(A, raw(A, 1, "a"))
        await add_source(A)
        await collector.load_sources()
        await collector.fill_gaps()
        reader.change_offline(A, deleted=[1])
        assert await collector.reread_recent(timedelta(hours=48)) == 0


class TestBasicGroups:
    async def test_a_deletion_without_a_chat_is_matched_in_basic_groups(
        self, collector: Collector, reader: FakeReader, add_source: Any, uow: UnitOfWork,
    ) -> None:
        reader.add_chat(GROUP, kind="group")
        await add_source(GROUP)
        await add_source(A)
        await collector.load_sources()
        reader.subscribe(collector.by_chat.keys(), collector)
        await reader.emit(raw(GROUP, 5, "x"), raw(A, 5, "y"))
        await collector.on_deleted(None, [5])
        async with uow:
            rows = (await uow.session.execute(
                sa.select(Post.text, Post.deleted_at.is_not(None)).order_by(Post.text))).all()
        assert [tuple(r) for r in rows] == [("x", True), ("y", False)]
