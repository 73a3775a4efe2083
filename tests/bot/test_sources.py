from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.callbacks_sources import SourceAction, SourceCb
from db.models import Source
from tests.bot.factories import make_source
from tests.support.chat import ChatUser, TelegramHarness


async def _sources(session_factory: async_sessionmaker[AsyncSession]) -> list[Source]:
    async with session_factory() as session:
        return list(await session.scalars(sa.select(Source).order_by(Source.id)))


class TestSourcesScreen:
    async def test_admin_adds_by_username_and_by_invite_link(
        self, tg: TelegramHarness, admin: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await admin.send("/sources")
        assert admin.last_message.text.startswith("Источников пока нет")

        await admin.send("/sources add @IT_Jobs_Daily")
        [first] = await _sources(session_factory)
        assert (first.ref, first.username, first.enabled) == (
            "@it_jobs_daily", "it_jobs_daily", True
        )
        assert admin.last_message.text.startswith(f"Источник #{first.id} @it_jobs_daily добавлен")

        await admin.press("➕ Добавить источник")
        assert admin.last_message.text.startswith("Пришлите чат для чтения")
        await admin.send("https://t.me/+AbCdEfGh1234")
        [_, second] = await _sources(session_factory)
        assert (second.ref, second.username, second.tg_id) == ("+AbCdEfGh1234", None, None)

        text = admin.last_message.text
        assert "Источники: 2 · страница 1/1" in text
        assert f"❔ #{first.id} @it_jobs_daily" in text
        assert f"❔ #{second.id} +AbCdEfGh1234" in text
        assert "последний пост: ещё нет · курсор: 0 · аккаунт: не назначен" in text
        assert f"⏸ Отключить #{second.id} +AbCdEfGh1234" in admin.last_message.buttons

    async def test_toggle_disables_and_enables(
        self, tg: TelegramHarness, admin: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        source_id = await make_source(session_factory)
        await admin.send("/sources")
        await admin.press(f"⏸ Отключить #{source_id} @itjobs")
        [source] = await _sources(session_factory)
        assert not source.enabled
        assert admin.last_alert == "Источник отключён"
        assert f"⏸ #{source_id} @itjobs" in admin.last_message.text

        await admin.press(f"▶️ Включить #{source_id} @itjobs")
        [source] = await _sources(session_factory)
        assert source.enabled
        assert f"⏸ Отключить #{source_id} @itjobs" in admin.last_message.buttons

    async def test_invalid_and_duplicate_refs_change_nothing(
        self, tg: TelegramHarness, admin: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        source_id = await make_source(session_factory)
        await admin.send("/sources add not a <chat>")
        assert admin.last_message.text.startswith("«not a <chat>» — не ссылка на чат")

        await admin.send("/sources add")
        await admin.send("t.me/x")
        assert admin.last_message.text.startswith("«t.me/x» — не ссылка на чат")

        await admin.send("/sources add https://t.me/ITJOBS")
        assert admin.last_message.text == (
            f"https://t.me/ITJOBS уже добавлен (источник #{source_id})."
        )
        sources = await _sources(session_factory)
        assert [(s.id, s.ref) for s in sources] == [(source_id, "@itjobs")]

    async def test_health_mark_and_escaped_short_error(
        self, tg: TelegramHarness, admin: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        source_id = await make_source(session_factory)
        async with session_factory() as session:
            await session.execute(
                sa.update(Source).where(Source.id == source_id).values(
                    tg_id=-1001234567890, read_cursor=4242,
                    last_error="ChannelPrivateError: <b>private</b> " + "x" * 200,
                )
            )
            await session.commit()
        await admin.send("/sources")
        text = admin.last_message.text
        assert f"⚠️ #{source_id} @itjobs" in text
        assert "курсор: 4242" in text
        error_line = next(line for line in text.splitlines() if line.startswith("ошибка:"))
        assert "ChannelPrivateError: <b>private</b> xxx" in error_line
        assert error_line.endswith("…") and len(error_line) < 100

    async def test_list_is_paged(
        self, tg: TelegramHarness, admin: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        for n in range(10):
            await make_source(session_factory, username=f"chan{n:02d}")
        await admin.send("/sources")
        assert "Источники: 10 · страница 1/2" in admin.last_message.text
        assert "@chan09" not in admin.last_message.text
        assert "1–8 из 10" in admin.last_message.buttons
        await admin.press("▶")
        assert "Источники: 10 · страница 2/2" in admin.last_message.text
        assert "@chan09" in admin.last_message.text
        assert admin.last_message.buttons[2:4] == ["◀", "9–10 из 10"]


ADMINS_ONLY = "Это могут только администраторы."


class TestSourcesAccess:
    async def test_manager_is_refused_the_screen_and_forged_presses(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        source_id = await make_source(session_factory)
        await manager.send("/sources")
        assert manager.last_message.text == ADMINS_ONLY
        await manager.send("/sources add @somechannel")
        assert manager.last_message.text == ADMINS_ONLY

        await manager.send("/menu")
        message_id = manager.last_message.message_id
        for data in (
            SourceCb(action=SourceAction.disable, source_id=source_id).pack(),
            SourceCb(action=SourceAction.page, page=0).pack(),
            SourceCb(action=SourceAction.add).pack(),
        ):
            await manager.forge_press(message_id, data)
            assert manager.last_alert == ADMINS_ONLY

        await manager.send("@somechannel")  # not in the add dialog: no source is added
        sources = await _sources(session_factory)
        assert [(s.id, s.enabled) for s in sources] == [(source_id, True)]
