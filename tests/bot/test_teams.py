"""#12 teams: admins create and rename teams, move users, change roles, switch a user off
(their open cards go to the team's lead); leads reassign their team's cards; the source
scope editor — through the real Dispatcher and the sandbox."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.callbacks_teams import ReassignCb
from db.models import RequestCard, Team, User
from tests.bot.conftest import join
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]


async def _user(session_factory: Factory, chat: ChatUser) -> User:
    async with session_factory() as session:
        found = await session.scalar(sa.select(User).where(User.tg_user_id == chat.id))
        assert found is not None
        return found


async def _owner(session_factory: Factory, card_id: int) -> int | None:
    async with session_factory() as session:
        return await session.scalar(sa.select(RequestCard.owner_user_id)
                                    .where(RequestCard.id == card_id))


class TestTeamsAdmin:
    async def test_create_rename_move_and_change_a_role(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        await admin.send("/teams")
        assert admin.last_message.text.startswith("Команды: 1")
        await admin.press("➕ Новая команда")
        assert admin.last_message.text.startswith("Название новой команды:")
        await admin.send("Mobile")
        assert admin.last_message.text.startswith("Команда «Mobile» создана.")
        assert "Mobile · 0" in admin.last_message.buttons
        await admin.press("Mobile · 0")
        await admin.press("✏️ Переименовать")
        await admin.send("Mobile squad")
        assert admin.last_message.text.startswith("Команда теперь называется «Mobile squad».")
        async with session_factory() as session:
            names = set(await session.scalars(sa.select(Team.name)))
        assert names == {"main", "Mobile squad"}

        await admin.send("/users")
        assert admin.last_message.text == "Пользователи: 2"
        await admin.press("Anna · менеджер")
        assert "Anna · менеджер · команда: main" in admin.last_message.text
        await admin.press("🔀 Перевести в команду")
        await admin.press("Mobile squad")
        assert "команда: Mobile squad" in admin.last_message.text
        await admin.press("Сделать: руководитель")
        assert admin.last_alert == "Anna теперь руководитель."
        anna = await _user(session_factory, manager)
        async with session_factory() as session:
            squad = await session.scalar(sa.select(Team.id).where(Team.name == "Mobile squad"))
        assert (anna.role, anna.team_id) == ("lead", squad)

    async def test_an_admin_cannot_demote_or_switch_off_themselves(
        self, tg: TelegramHarness, admin: ChatUser,
    ) -> None:
        await admin.send("/users")
        await admin.press("Alla · администратор")
        buttons = admin.last_message.buttons
        assert "⛔ Отключить" not in buttons
        assert not [b for b in buttons if b.startswith("Сделать:")]

    async def test_switching_a_user_off_hands_their_open_cards_to_the_lead(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        card_id = await make_card(session_factory, source, title="Swift")
        await manager.send(f"/req {card_id}")
        await manager.press("🤝 Взять в работу")
        lead = await join(tg, admin, 3003, "Lena", role="lead")
        await admin.send("/users")
        await admin.press("Anna · менеджер")
        await admin.press("⛔ Отключить")
        assert admin.last_alert == "Anna отключён; открытых запросов передано лиду команды: 1."
        assert "отключён" in admin.last_message.text
        assert (await _user(session_factory, manager)).active is False
        assert await _owner(session_factory, card_id) == (await _user(session_factory, lead)).id
        await manager.send("/my")
        assert manager.last_message.text.startswith("Извините, у вас нет доступа")

    async def test_the_source_scope_editor_toggles_sources(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        first = await make_source(session_factory, title="One", username="one")
        second = await make_source(session_factory, title="Two", username="two")
        await admin.send("/users")
        await admin.press("Anna · менеджер")
        await admin.press("📡 Источники")
        assert admin.last_message.buttons[:2] == ["✓ One", "✓ Two"]
        await admin.press("✓ One")
        assert admin.last_message.buttons[:2] == ["One", "✓ Two"]
        assert (await _user(session_factory, manager)).scope_source_ids == [second]
        await admin.press("One")
        assert (await _user(session_factory, manager)).scope_source_ids is None
        assert first != second


class TestReassign:
    async def test_a_lead_hands_a_card_to_another_member(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        card_id = await make_card(session_factory, source, title="Vue")
        await manager.send(f"/req {card_id}")
        await manager.press("🤝 Взять в работу")
        assert "👥 Передать" not in manager.last_message.buttons  # managers may not
        boris = await join(tg, admin, 1002, "Boris")
        lead = await join(tg, admin, 3003, "Lena", role="lead")

        await lead.send(f"/req {card_id}")
        await lead.press("👥 Передать")
        assert lead.last_message.text == f"Кому передать запрос #{card_id}?"
        assert "Anna" not in lead.last_message.buttons  # she has it already
        await lead.press("Boris")
        assert lead.last_alert == "Передан: Boris"
        assert "Ответственный: Boris" in lead.last_message.text
        assert await _owner(session_factory, card_id) == (await _user(session_factory, boris)).id

        screen = manager.last_message.message_id
        await manager.forge_press(screen, ReassignCb(card_id=card_id, user_id=1).pack())
        assert manager.last_alert == "Это могут только лиды команд."
        assert await _owner(session_factory, card_id) == (await _user(session_factory, boris)).id
