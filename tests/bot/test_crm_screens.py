"""The lead's /team, the bench form and edit, tasks and client notes, through the real
Dispatcher and the sandbox."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import BenchDeveloper, Task
from tests.bot.conftest import join
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]
REFUSED = "Извините, у вас нет доступа"


async def _developers(session_factory: Factory) -> list[BenchDeveloper]:
    async with session_factory() as session:
        return list(await session.scalars(sa.select(BenchDeveloper)))


class TestFeedEntry:
    async def test_the_feed_card_opens_the_crm_card(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        card_id = await make_card(session_factory, source, title="Rust backend")
        await manager.send("/feed")
        await manager.press("📋 CRM")
        screen = manager.message_with_button("☑ Задача")
        assert f"#{card_id}" in screen.text and "Этап: новый" in screen.text


class TestTeamView:
    async def test_a_lead_sees_the_team_by_stage_and_a_manager_is_refused(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        taken = await make_card(session_factory, source, title="Python senior")
        await make_card(session_factory, source, title="Nobody's yet")
        await manager.send(f"/req {taken}")
        await manager.press("🤝 Взять в работу")
        lead = await join(tg, admin, 3003, "Lena", role="lead")

        await lead.send("/team")
        screen = lead.last_message
        assert screen.text.startswith("Запросы команды: 1")
        assert "в работе: 1" in screen.text
        assert "Python senior · в работе" in screen.buttons
        await lead.press("новый")
        assert lead.last_message.text.startswith("Запросы команды: 1")
        assert "Python senior · в работе" not in lead.last_message.buttons
        await lead.press("Все")
        assert "Python senior · в работе" in lead.last_message.buttons

        await manager.send("/team")
        assert manager.last_message.text == "Это могут только лиды команд."


class TestBenchForm:
    async def test_the_form_on_one_screen_re_asks_a_bad_date_and_saves_once_on_save(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        await manager.send("/bench")
        await manager.press("➕ Добавить разработчика")
        form = manager.last_message
        assert form.text.startswith("Новый разработчик\nИмя: —\nРоль: —")
        assert form.buttons[:3] == ["✏️ Имя", "✏️ Роль", "✏️ Стек"]
        await manager.press("💾 Сохранить")
        assert manager.last_alert == "Сначала заполните имя."
        for button, answer in (("✏️ Имя", "Ivan Petrov"), ("✏️ Стек", "Python, Django"),
                               ("✏️ Ставка", "2800 ₽/ч")):
            await manager.press(button)
            await manager.send(answer)
        assert "Имя: Ivan Petrov" in manager.last_message.text
        assert "Ставка: 2800 ₽/ч → 2 800 RUB / час" in manager.last_message.text
        assert "✓ Ставка" in manager.last_message.buttons
        await manager.press("✏️ Грейд")
        picked_in = manager.last_message.message_id
        await manager.press("middle")
        assert "Грейд: middle" in manager.last_message.text
        assert manager.last_message.message_id == picked_in  # the form, edited in place
        await manager.press("✏️ Роль")
        await manager.press("бэкенд")
        await manager.press("✏️ Свободен с")
        await manager.send("32.13.2031")
        reply = manager.last_message.text
        assert "Неверная дата" in reply and "Свободен с какой даты" in reply
        await manager.send("01.03.2031")
        await manager.press("✏️ Английский")
        await manager.press("B2")
        await manager.press("✏️ Локация")
        await manager.send("Berlin")
        await manager.press("✏️ Ссылка на CV")
        await manager.send("not a link")
        assert "Неверная ссылка" in manager.last_message.text
        await manager.send("https://cv.example.com/ivan")
        assert await _developers(session_factory) == []  # nothing is saved before Save
        await manager.press("💾 Сохранить")

        [dev] = await _developers(session_factory)
        assert (dev.name, list(dev.stack), dev.grade, list(dev.roles)) == (
            "Ivan Petrov", ["Python", "Django"], "middle", ["backend"])
        assert (dev.available_from, dev.english_level, dev.location, dev.cv_url) == (
            date(2031, 3, 1), "B2", "Berlin", "https://cv.example.com/ivan")
        assert (dev.rate_min, dev.rate_currency, dev.rate_period) == (2800, "RUB", "hour")
        card = manager.last_message.text
        assert "Ivan Petrov" in card and "Свободен с 01.03.2031" in card

    async def test_editing_a_developer_s_grade(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        await manager.send("/bench")
        await manager.press("➕ Добавить разработчика")
        await manager.press("✏️ Имя")
        await manager.send("Olga")
        await manager.press("✏️ Грейд")
        await manager.press("junior")
        await manager.press("✏️ Английский")
        await manager.press("Не указывать")
        await manager.press("💾 Сохранить")
        [dev] = await _developers(session_factory)
        assert dev.grade == "junior" and dev.english_level is None and dev.cv_url is None

        await manager.press("✏️ Изменить")
        await manager.press("Грейд")
        await manager.press("senior")
        [dev] = await _developers(session_factory)
        assert dev.grade == "senior" and dev.name == "Olga"
        assert "senior" in manager.last_message.text


class TestTasksAndClientNotes:
    async def test_a_task_with_a_due_time_is_listed_and_done(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        card_id = await make_card(session_factory, source, title="Go lead")
        await manager.send(f"/req {card_id}")
        await manager.press("☑ Задача")
        await manager.send("Позвонить клиенту; 99.99 10:00")
        assert "Не понял срок" in manager.last_message.text
        await manager.send("Позвонить клиенту; 05.03 14:30")
        assert manager.last_message.text.startswith("Задача сохранена")

        await manager.send("/tasks")
        listed = manager.last_message
        assert "Позвонить клиенту" in listed.text and "до 05.03 14:30" in listed.text
        async with session_factory() as session:
            due = await session.scalar(sa.select(Task.due_at))
        assert due is not None and (due.hour, due.minute) == (11, 30)  # Moscow is UTC+3
        await manager.press("✅ Позвонить клиенту")
        assert manager.last_message.text == "Открытых задач нет."
        async with session_factory() as session:
            assert await session.scalar(sa.select(Task.done_at)) is not None

    async def test_a_client_note_shows_on_the_client_card(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        card_id = await make_card(session_factory, source, title="Java team")
        await manager.send(f"/req {card_id}")
        await manager.press("🤝 Взять в работу")
        await manager.press("🏢 Клиент")
        assert "Заметки:" not in manager.last_message.text
        await manager.press("✎ Заметка")
        await manager.send("Бюджет до 3000 в час")
        card = manager.last_message
        assert "Заметки:" in card.text and "✎ Бюджет до 3000 в час" in card.text
        assert card.buttons == ["✎ Заметка"]
