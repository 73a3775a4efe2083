"""`make demo` end to end, in process: the seeded admin's /start is answered through the
sandbox, the demo history is stored minutes old and reaches them as pushes and in /feed, and a
second run keeps what the user did (unless --fresh)."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from db.engine import make_engine, make_session_factory
from db.models import Post, RequestCard, SavedSearch, Source
from db.runtime import Database
from sandbox import ApiCall
from scripts import demo, demo_history, demo_posts
from scripts.settings import DemoSettings
from tests.fakes.classifier import FakeClassifier


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _text(call: ApiCall) -> str:
    return str(call.params.get("text", ""))


async def _start(database_url: str, redis: Any, *, interval: float = 0,
                 fresh: bool = False) -> demo.Demo:
    engine = make_engine(database_url, pool_size=5)
    database = Database(database_url, engine, make_session_factory(engine), embedded=False)
    settings = DemoSettings(DEMO_PORT=_free_port(), DEMO_MINIAPP_PORT=_free_port(),
                            DEMO_POST_INTERVAL=interval)
    return await demo.start(settings, database=database, redis=redis,
                            classifier=FakeClassifier(), fresh=fresh)


async def _count(session_factory: Any, query: Any) -> int:
    async with session_factory() as session:
        return int(await session.scalar(query) or 0)


async def _wait_for_posts(session_factory: Any, at_least: int) -> None:
    query = sa.select(sa.func.count()).select_from(Post)
    for _ in range(300):
        if await _count(session_factory, query) >= at_least:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"fewer than {at_least} posts stored")


class TestDemoHistory:
    def test_it_has_every_kind_of_post_and_event(self) -> None:
        events = demo_history.build()
        posts = [e for e in events if e.action == "post"]
        assert len(posts) >= 150
        assert len({e.chat for e in events}) >= 5
        assert {e.action for e in events} == {"post", "edit", "delete"}
        assert any(e.forward_of for e in events)
        texts = [e.text for e in posts]
        assert len(texts) - len(set(texts)) >= 10  # cross-posts, word for word
        assert set(demo_posts.BENCHES) | set(demo_posts.DIGESTS) <= set(texts)
        assert set(demo_posts.CHATTER) <= set(texts)
        assert any(t.startswith("Looking for") for t in texts)  # English next to Russian
        multi = [b for b in demo_posts.BENCHES if b.count("Senior") + b.count("Middle") >= 2]
        assert len(multi) >= 8  # benches list several developers


class TestDemo:
    async def test_start_is_answered_and_history_is_pushed(
        self, database_url: str, session_factory: Any, redis: Any
    ) -> None:
        running = await _start(database_url, redis)
        try:
            emulator = running.emulator
            push = await emulator.wait_for(
                "sendMessage", lambda c: _text(c).startswith("🔔"), timeout=30, since=0
            )
            assert push.params["chat_id"] == DemoSettings().user_id
            since = len(emulator.calls)
            emulator.send_text(DemoSettings().user_id, "/start")
            answer = await emulator.wait_for(
                "sendMessage", lambda c: "Anna" in _text(c), timeout=15, since=since
            )
            assert answer.params["reply_markup"]["inline_keyboard"]
        finally:
            await running.close()

    async def test_the_history_is_minutes_old_and_the_first_feed_shows_requests(
        self, database_url: str, session_factory: Any, redis: Any
    ) -> None:
        running = await _start(database_url, redis, interval=0.05)
        try:
            await _wait_for_posts(session_factory, 150)
            newest = await _count(session_factory, sa.select(
                sa.func.extract("epoch", sa.func.now() - sa.func.max(Post.posted_at))))
            assert newest < 5 * 60
            assert await _count(session_factory, sa.select(sa.func.count()).select_from(
                Post).where(Post.deleted_at.is_not(None))) >= 1
            assert await _count(session_factory, sa.select(sa.func.count()).select_from(
                Source)) == len(demo_history.CHATS)
            for _ in range(100):
                if await _count(session_factory, sa.select(sa.func.count()).select_from(
                        RequestCard).where(RequestCard.kind == "request")) >= 50:
                    break
                await asyncio.sleep(0.2)
            emulator = running.emulator
            since = len(emulator.calls)
            emulator.send_text(DemoSettings().user_id, "/feed")
            feed = await emulator.wait_for(
                "sendMessage", lambda c: "Тип: запрос" in _text(c), timeout=15, since=since)
            assert feed.params["chat_id"] == DemoSettings().user_id
        finally:
            await running.close()

    async def test_a_second_run_keeps_the_data_and_fresh_starts_over(
        self, database_url: str, session_factory: Any, redis: Any
    ) -> None:
        running = await _start(database_url, redis)
        await _wait_for_posts(session_factory, 150)
        user = DemoSettings().user_id
        since = len(running.emulator.calls)
        running.emulator.send_text(user, "/search golang senior")
        await running.emulator.wait_for("sendMessage", lambda c: "сохранён" in _text(c),
                                        timeout=15, since=since)
        await running.close()
        searches = sa.select(sa.func.count()).select_from(SavedSearch)
        posts = sa.select(sa.func.count()).select_from(Post)
        kept_posts = await _count(session_factory, posts)

        again = await _start(database_url, redis)
        await asyncio.sleep(1)
        await again.close()
        assert await _count(session_factory, searches) == 3  # two seeded + the user's
        assert await _count(session_factory, posts) == kept_posts

        fresh = await _start(database_url, redis, fresh=True)
        try:
            await _wait_for_posts(session_factory, 150)
            assert await _count(session_factory, searches) == 2
        finally:
            await fresh.close()
        cutoff = datetime.now(UTC) - timedelta(days=8)
        assert await _count(session_factory, sa.select(sa.func.count()).select_from(Post).where(
            Post.posted_at < cutoff)) == 0
