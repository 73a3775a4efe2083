from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.callbacks import CardAction, CardCb, CorrectCb, CorrectField
from db.models import LabelCorrection, RequestCard, StageChange, Team, User
from tests.bot.conftest import join
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, TelegramHarness


class TestInvites:
    async def test_admin_invites_a_manager_who_joins_by_deep_link(
        self, tg: TelegramHarness, admin: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await admin.send("/invite")
        await admin.press("менеджер")
        text = admin.last_message.text
        assert "https://t.me/radar_bot?start=" in text
        code = text.split("?start=")[1].split()[0]

        boris = await tg.user(1002, "Boris", language="en")
        await boris.send(f"/start {code}")

        assert boris.last_message.text.startswith("Hello, Boris! Your role: manager")
        async with session_factory() as session:
            role = await session.scalar(sa.select(User.role).where(User.tg_user_id == 1002))
        assert role == "manager"

    async def test_an_invite_works_once(
        self, tg: TelegramHarness, admin: ChatUser
    ) -> None:
        await admin.send("/invite")
        await admin.press("менеджер")
        code = admin.last_message.text.split("?start=")[1].split()[0]
        first = await tg.user(1002, "Boris")
        await first.send(f"/start {code}")
        second = await tg.user(1003, "Vera", language="en")
        await second.send(f"/start {code}")
        assert second.last_message.text.startswith("Sorry, you have no access")

    async def test_strangers_are_refused_politely_in_their_language(
        self, tg: TelegramHarness
    ) -> None:
        stranger = await tg.user(999, "Eve", language="en")
        await stranger.send("/start")
        assert stranger.last_message.text.startswith("Sorry, you have no access")
        await stranger.send("/feed")
        assert stranger.last_message.text.startswith("Sorry, you have no access")
        ru = await tg.user(998, "Ева", language="ru")
        await ru.send("/feed")
        assert ru.last_message.text.startswith("Извините")

    async def test_managers_cannot_create_invites(
        self, tg: TelegramHarness, manager: ChatUser
    ) -> None:
        await manager.send("/invite")
        assert "start=" not in manager.last_message.text


class TestScope:
    async def test_forged_callback_for_another_teams_card_changes_nothing(
        self, tg: TelegramHarness, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        async with session_factory() as session:
            other = Team(name="other")
            session.add(other)
            await session.commit()
            other_team = other.id
        source = await make_source(session_factory)
        foreign = await make_card(session_factory, source, team_id=other_team)
        await manager.send("/menu")
        message_id = manager.last_message.message_id

        for data in (
            CardCb(action=CardAction.take, card_id=foreign).pack(),
            CardCb(action=CardAction.full, card_id=foreign).pack(),
            CardCb(action=CardAction.hide, card_id=foreign).pack(),
            CorrectCb(card_id=foreign, field=CorrectField.grades, index=3).pack(),
        ):
            await manager.forge_press(message_id, data)
            assert manager.last_alert is not None and manager.last_alert.startswith("Извините")

        async with session_factory() as session:
            card = await session.get(RequestCard, foreign)
            assert card is not None and card.owner_user_id is None and card.stage == "new"
            assert card.grades == ["middle"]
            assert await session.scalar(sa.select(sa.func.count()).select_from(StageChange)) == 0
            corrections = sa.select(sa.func.count()).select_from(LabelCorrection)
            assert await session.scalar(corrections) == 0

    async def test_role_scope_hides_cards_from_the_feed(
        self, tg: TelegramHarness, admin: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        qa = await join(tg, admin, 1005, "Quinn")
        async with session_factory() as session:
            await session.execute(
                sa.update(User).where(User.tg_user_id == 1005).values(scope_roles=["qa"])
            )
            await session.commit()
        source = await make_source(session_factory)
        await make_card(session_factory, source, title="Backend only")
        await qa.send("/feed")
        assert all("Backend only" not in m.text for m in qa.messages)
        assert qa.last_message.text == "По этим фильтрам пока ничего нет."


class TestScopeEditor:
    async def test_admin_narrows_and_resets_a_managers_role_families(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: async_sessionmaker[AsyncSession],
    ) -> None:
        await admin.send("/users")
        await admin.press("Anna · менеджер")
        await admin.press("🎭 Роли")
        await admin.press("✓ бэкенд")
        async with session_factory() as session:
            scope = await session.scalar(
                sa.select(User.scope_roles).where(User.tg_user_id == manager.id)
            )
        assert scope is not None and "backend" not in scope and "frontend" in scope
        assert "бэкенд" in admin.last_message.buttons
        await admin.press("↺ Видит всё")
        async with session_factory() as session:
            scope = await session.scalar(
                sa.select(User.scope_roles).where(User.tg_user_id == manager.id)
            )
        assert scope is None
