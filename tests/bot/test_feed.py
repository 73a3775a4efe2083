from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.callbacks import CardCb
from db.models import HiddenCard, LabelCorrection, RequestCard, StageChange
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, SeenMessage, TelegramHarness


def card_ids(user: ChatUser) -> list[int]:
    """Card ids shown in the chat, in order (from the card buttons' callback data)."""
    ids = []
    for message in user.messages:
        for data in message.callback_data:
            if data.startswith("cd:full:"):
                ids.append(CardCb.unpack(data).card_id)
    return ids


def titles(messages: list[SeenMessage]) -> list[str]:
    return [m.text.split("\n")[0] for m in messages if "Источники" in m.text]


class TestFeed:
    async def test_feed_pages_newest_first_without_repeats(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        source = await make_source(session_factory)
        ids = [
            await make_card(session_factory, source, title=f"Card {n}", age=timedelta(minutes=n))
            for n in range(12)
        ]
        await manager.send("/feed")
        assert card_ids(manager) == ids[:5]
        assert manager.last_message.text == "Показано: 5"
        await manager.press("Ещё ▶")
        await manager.press("Ещё ▶")
        assert card_ids(manager) == ids
        assert manager.last_message.text == "Показано: 2"
        assert "Ещё ▶" not in manager.last_message.buttons

    async def test_card_shows_fields_and_sources(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        source = await make_source(session_factory, title="Jobs <&> chat")
        await make_card(session_factory, source, title="Senior <Go> dev")
        await manager.send("/feed")
        card = manager.messages[-2].text
        assert "Senior <Go> dev" in card
        assert "Стек: Python" in card and "Грейд: middle" in card
        assert "Формат: удалённо" in card and "1 500–2 000 ₽/ч" in card
        assert "Jobs <&> chat" in card

    async def test_filters_narrow_the_feed_and_persist(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        source = await make_source(session_factory)
        await make_card(session_factory, source, title="React senior", roles=["frontend"],
                        stack=["React"], grades=["senior"])
        await make_card(session_factory, source, title="Python middle")
        await make_card(session_factory, source, title="Old one", age=timedelta(days=3))
        await make_card(session_factory, source, title="Cheap", rate_rub_hour_min=500,
                        rate_rub_hour_max=700)

        await manager.send("/feed")
        await manager.press("Стек")
        assert {"React", "Python"} <= set(manager.message_with_button("React").buttons)
        await manager.press("React")
        assert "✓ React" in manager.message_with_button("✓ React").buttons
        await manager.press("✅ Готово")
        assert "Стек: React" in manager.message_with_button("Стек").text
        before = len(manager.messages)
        await manager.press("🔎 Показать")
        assert titles(manager.messages[before:]) == ["React senior"]

        await manager.send("/feed")  # filters persist across commands (Redis)
        assert "Стек: React" in manager.message_with_button("Стек").text

        await manager.press("↺ Сбросить")
        await manager.press("Период")
        await manager.press("1 день")
        await manager.press("✅ Готово")
        await manager.press("Ставка")
        await manager.press("1 000–2 000 ₽/ч")
        await manager.press("✅ Готово")
        before = len(manager.messages)
        await manager.press("🔎 Показать")
        assert titles(manager.messages[before:]) == ["Python middle", "React senior"]


class TestCardButtons:
    async def test_full_text_take_correct_and_hide(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        source = await make_source(session_factory)
        card_id = await make_card(session_factory, source, text="Полный <текст> заявки & детали")
        await manager.send("/feed")

        await manager.press("📄 Полный текст")  # in the card's place, with a way back
        assert "Полный <текст> заявки & детали" in manager.message_with_button(
            "◀ Назад к карточке").text
        await manager.press("◀ Назад к карточке")

        await manager.press("🤝 Взять в работу")
        assert manager.last_alert == "Запрос ваш — он в работе"
        assert "🤝 Взять в работу" not in manager.message_with_button("🙈 Скрыть").buttons

        await manager.press("✏️ Исправить метки")
        await manager.press("Грейд")
        await manager.press("senior")
        assert "✓ senior" in manager.last_message.buttons or any(
            "✓ senior" in m.buttons for m in manager.messages)
        # The card says who corrected what (and that an edit of the post keeps it).
        shown = manager.message_with_button("✓ senior").text
        assert "✏️ Исправлено вручную" in shown
        assert "Грейд: Anna," in shown

        async with session_factory() as session:
            card = await session.get(RequestCard, card_id)
            assert card is not None
            assert card.stage == "in_work" and card.owner_user_id is not None
            assert card.grades == ["middle", "senior"]
            change = await session.scalar(sa.select(StageChange))
            assert change is not None
            assert (change.from_stage, change.to_stage) == ("new", "in_work")
            correction = await session.scalar(sa.select(LabelCorrection))
            assert correction is not None and correction.field == "grades"
            assert correction.old_value == ["middle"]
            assert correction.new_value == ["middle", "senior"]

        await manager.press("✅ Готово")  # back to the fields
        await manager.press("✅ Готово")  # back to the card buttons
        await manager.press("🙈 Скрыть")
        async with session_factory() as session:
            assert await session.scalar(sa.select(sa.func.count()).select_from(HiddenCard)) == 1
        await manager.send("/feed")
        assert manager.last_message.text == "По этим фильтрам пока ничего нет."
