"""Every prompt ends on /cancel, its Cancel button or any other command, which then runs; the
typed command is never saved as the prompt's answer."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Activity, BenchDeveloper, SavedSearch, Source, Task, User
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]
HOW_TO_CANCEL = "Отмена — кнопкой, /cancel или любой другой командой"


async def _count(session_factory: Factory, model: type) -> int:
    async with session_factory() as session:
        return int(await session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


class TestCommandsEndPrompts:
    async def test_a_command_after_search_without_phrase_runs_and_saves_nothing(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        await manager.send("/search")
        assert HOW_TO_CANCEL in manager.last_message.text
        assert "✖️ Отмена" in manager.last_message.buttons
        await manager.send("/my")
        assert "/my" not in manager.last_message.text
        assert await _count(session_factory, SavedSearch) == 0
        await manager.send("python")  # the prompt is over: plain text is not a phrase now
        assert await _count(session_factory, SavedSearch) == 0

    async def test_a_command_after_note_runs_and_saves_no_note(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        card_id = await make_card(session_factory, await make_source(session_factory))
        await manager.send(f"/req {card_id}")
        await manager.press("🤝 Взять в работу")
        notes_before = await _count(session_factory, Activity)
        await manager.press("✎ Заметка")
        assert HOW_TO_CANCEL in manager.last_message.text
        await manager.send("/bench")
        assert "/bench" not in manager.last_message.text
        assert await _count(session_factory, Activity) == notes_before

    async def test_slash_cancel_ends_a_task_prompt(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        card_id = await make_card(session_factory, await make_source(session_factory))
        await manager.send(f"/req {card_id}")
        await manager.press("☑ Задача")
        await manager.send("/cancel")
        assert manager.last_message.text == "Отменено, ничего не сохранено."
        await manager.send("Позвонить клиенту")
        assert await _count(session_factory, Task) == 0
        await manager.send("/cancel")
        assert manager.last_message.text == "Отменять нечего."

    async def test_the_cancel_button_ends_a_client_note_prompt(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        card_id = await make_card(session_factory, await make_source(session_factory))
        await manager.send(f"/req {card_id}")
        await manager.press("🤝 Взять в работу")
        await manager.press("🏢 Клиент")
        before = await _count(session_factory, Activity)
        await manager.press("✎ Заметка")
        await manager.press("✖️ Отмена")
        assert manager.last_message.text == "Отменено, ничего не сохранено."
        await manager.send("Бюджет до 3000")
        assert await _count(session_factory, Activity) == before

    async def test_a_command_ends_the_bench_form(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        await manager.send("/bench")
        await manager.press("➕ Добавить разработчика")
        assert HOW_TO_CANCEL in manager.last_message.text
        await manager.send("/feed")
        await manager.send("Иван Петров")
        assert await _count(session_factory, BenchDeveloper) == 0

    async def test_a_command_ends_the_email_prompt(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        await manager.send("/settings")
        await manager.press("✏️ Указать почту")
        assert HOW_TO_CANCEL in manager.last_message.text
        await manager.send("/searches")
        await manager.send("anna@example.com")
        async with session_factory() as session:
            emails = list(await session.scalars(sa.select(User.email)))
        assert "anna@example.com" not in emails

    async def test_a_command_ends_the_source_prompt(
        self, tg: TelegramHarness, admin: ChatUser, session_factory: Factory,
    ) -> None:
        await admin.send("/sources add")
        assert HOW_TO_CANCEL in admin.last_message.text
        await admin.send("/feed")
        await admin.send("@python_jobs")
        assert await _count(session_factory, Source) == 0
