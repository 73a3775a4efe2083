"""Finding things: the menu and /help by role, the command list per role and language, and
free text that searches the cards."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import run_bot
from db.models import SavedSearch
from sandbox.methods.bot_settings import commands_for
from tests.bot.conftest import join
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]


def _commands(tg: TelegramHarness, chat: ChatUser, language: str | None) -> list[str]:
    return [c["command"] for c in commands_for(tg.emu.state, chat.id, language)]


class TestMenuAndHelp:
    async def test_help_lists_a_managers_commands_and_not_the_admins(
        self, tg: TelegramHarness, manager: ChatUser,
    ) -> None:
        await manager.send("/help")
        text = manager.last_message.text
        for command in ("/feed", "/my", "/bench", "/tasks", "/req", "/cancel"):
            assert command in text
        assert "/sources" not in text and "/invite" not in text and "/team" not in text
        assert "📋 Мои запросы" in manager.last_message.buttons

    async def test_the_admin_menu_opens_sources_and_invites(
        self, tg: TelegramHarness, admin: ChatUser,
    ) -> None:
        await admin.send("/menu")
        await admin.press("✉️ Пригласить")
        assert admin.last_message.text == "Для какой роли создать приглашение?"
        await admin.send("/menu")
        await admin.press("👥 Бенч")
        assert admin.last_message.text.startswith("Бенч")

    async def test_a_forged_admin_button_is_refused_to_a_manager(
        self, tg: TelegramHarness, manager: ChatUser,
    ) -> None:
        await manager.send("/menu")
        menu = manager.message_with_button("👥 Бенч")
        await manager.forge_press(menu.message_id, "mn:users")
        assert manager.last_alert == "Этот раздел не для вашей роли."


class TestCommandLists:
    async def test_each_user_gets_the_list_of_their_role_in_their_language(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
    ) -> None:
        lead = await join(tg, admin, 3003, "Lena", language="en", role="lead")
        assert "sources" in _commands(tg, admin, "ru")
        assert "team" in _commands(tg, lead, "en") and "sources" not in _commands(tg, lead, "en")
        manager_commands = _commands(tg, manager, "ru")
        assert "my" in manager_commands and "team" not in manager_commands
        scoped = tg.emu.state.commands[(f"chat:{lead.id}", "")]
        assert scoped[0]["description"] == "Request feed"

    async def test_run_bot_sets_the_default_list_per_language(
        self, tg: TelegramHarness, manager: ChatUser, monkeypatch: Any,
    ) -> None:
        import asyncio

        stop = asyncio.Event()
        task = asyncio.create_task(run_bot(tg.bot, tg.dp, tg.dp["settings"], stop_event=stop))
        for _ in range(50):
            if ("default", "en") in tg.emu.state.commands:
                break
            await asyncio.sleep(0.1)
        stop.set()
        await task
        english = [c["description"] for c in tg.emu.state.commands[("default", "en")]]
        assert "Request feed" in english
        assert "sources" not in [c["command"] for c in tg.emu.state.commands[("default", "ru")]]


class TestFreeText:
    async def test_typed_text_finds_cards_and_can_be_saved_as_a_search(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        await make_card(session_factory, source, title="Senior React разработчик в финтех",
                        text="Ищем Senior React разработчика, TypeScript, удалённо")
        await make_card(session_factory, source, title="Middle Go", text="Нужен Go, gRPC")
        await manager.send("нужен senior react")
        found = manager.last_message
        assert found.text.startswith("Нашлось 1 запрос · «нужен senior react»")
        assert "Senior React разработчик в финтех" in found.text
        assert "Middle Go" not in found.text
        assert found.buttons[-1] == "🔔 Сохранить как поиск"
        await manager.press("1. Senior React разработчик в финтех")
        assert "🙈 Скрыть" in manager.last_message.buttons
        await manager.press("🔔 Сохранить как поиск")
        async with session_factory() as session:
            search = await session.scalar(sa.select(SavedSearch))
        assert search is not None and search.filters["stack"] == ["React"]

    async def test_stemming_finds_other_word_forms_and_nothing_says_so(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        await make_card(session_factory, source, title="Аналитики данных",
                        text="Требуются аналитики данных для банка")
        await manager.send("аналитик банк")
        assert "Аналитики данных" in manager.last_message.text
        await manager.send("кобол фортран")
        assert manager.last_message.text.startswith("По «кобол фортран» ничего не нашлось")
