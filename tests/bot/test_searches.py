from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm.searches import matches, parse_phrase
from db.models import SavedSearch
from db.records.feed import FeedFilters
from tests.support.chat import ChatUser, TelegramHarness


class TestPhraseParser:
    def test_grades_roles_stack_format_and_rate(self) -> None:
        filters = parse_phrase("middle+ react remote от 1500 ₽/ч")
        assert filters.grades == ("middle", "senior", "lead")
        assert filters.stack == ("React",)
        assert filters.formats == ("remote",)
        assert filters.rate_min == 1500 and filters.rate_max is None

    def test_russian_words_dollars_and_monthly(self) -> None:
        filters = parse_phrase("сеньор бэкенд питон удалёнка до 30 $/h")
        assert filters.grades == ("senior",)
        assert filters.roles == ("backend",)
        assert filters.stack == ("Python",)
        assert filters.rate_max == 2700
        assert parse_phrase("от 300к ₽/мес").rate_min == 1786

    def test_taxonomy_aliases_extend_the_stack_words(self) -> None:
        assert parse_phrase("реактик", {"реактик": "React"}).stack == ("React",)

    def test_unknown_words_are_ignored(self) -> None:
        assert parse_phrase("что-нибудь интересное") == FeedFilters(period_days=None)

    def test_matches_is_the_feed_filter(self) -> None:
        assert not matches(FeedFilters(stack=("Go",)), _card())
        assert matches(FeedFilters(stack=("Python",), rate_min=1800), _card())
        assert not matches(FeedFilters(rate_min=2500), _card())


def _card():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime
    from decimal import Decimal

    from db.records.feed import CardRecord

    now = datetime.now(UTC)
    return CardRecord(
        id=1, kind="request", title="t", text="", roles=("backend",), stack=("Python",),
        grades=("middle",), formats=("remote",), employment=(), location=None, rate_min=None,
        rate_max=None, rate_currency=None, rate_period=None, rate_rub_hour_min=Decimal(1500),
        rate_rub_hour_max=Decimal(2000), duration_months=None, headcount=None,
        needs_review=False, first_seen_at=now, source_count=1, stage="new", owner_user_id=None,
        team_id=None,
    )


class TestSavedSearches:
    async def test_search_from_phrase_then_pause_resume_delete(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await manager.send("/search middle+ react remote от 1500 ₽/ч")
        assert "Поиск «middle+ react remote от 1500 ₽/ч» сохранён." in manager.last_message.text
        async with session_factory() as session:
            search = await session.scalar(sa.select(SavedSearch))
        assert search is not None
        assert search.filters["stack"] == ["React"] and search.filters["rate_min"] == 1500

        await manager.press("⏸ middle+ react remote от ")
        assert "(на паузе)" in manager.last_message.text
        await manager.press("▶️ middle+ react remote от ")
        assert "(на паузе)" not in manager.last_message.text
        await manager.press("🗑 Удалить")
        assert manager.last_message.text.startswith("Удалить поиск «middle+ react remote")
        await manager.press("✖️ Нет, оставить")
        assert "middle+ react remote" in manager.last_message.text
        await manager.press("🗑 Удалить")
        await manager.press("🗑 Да, удалить")
        assert manager.last_message.text.startswith("Сохранённых поисков пока нет")
        async with session_factory() as session:
            assert await session.scalar(sa.select(sa.func.count()).select_from(SavedSearch)) == 0

    async def test_phrase_asked_in_a_dialog(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await manager.send("/searches")
        await manager.press("✍️ Поиск фразой")
        await manager.send("senior go")
        async with session_factory() as session:
            search = await session.scalar(sa.select(SavedSearch))
        assert search is not None and search.filters["grades"] == ["senior"]
        assert search.filters["stack"] == ["Go"]

    async def test_search_from_current_filters(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await manager.send("/feed")
        await manager.press("Грейд")
        await manager.press("senior")
        await manager.press("✅ Готово")
        await manager.press("🔔 Сохранить как поиск")
        async with session_factory() as session:
            search = await session.scalar(sa.select(SavedSearch))
        assert search is not None and search.name == "senior"
        assert search.filters["grades"] == ["senior"] and search.filters["period_days"] is None

    async def test_someone_elses_search_cannot_be_deleted(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await admin.send("/search react")
        async with session_factory() as session:
            search_id = await session.scalar(sa.select(SavedSearch.id))
        await manager.send("/searches")
        await manager.forge_press(manager.last_message.message_id, f"ss:delete:{search_id}")
        assert manager.last_alert is not None and manager.last_alert.startswith("Извините")
        await manager.forge_press(manager.last_message.message_id, f"ss:delete_yes:{search_id}")
        assert manager.last_alert is not None and manager.last_alert.startswith("Извините")
        async with session_factory() as session:
            assert await session.scalar(sa.select(sa.func.count()).select_from(SavedSearch)) == 1
