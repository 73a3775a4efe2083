"""A manager's whole working day through the real Dispatcher and the sandbox (#12 done-when):
an admin invites a lead and a manager and makes a team, the demo's posts arrive, the manager
searches by typing and takes a card, loads the bench, proposes a developer, schedules and
holds the interview and wins; the lead reassigns a card; the admin moves a user. Every
message and the database are checked at each step. (Free-text search is i12a's part of
#12, merged into this branch.)"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import BenchDeveloper, Interview, RequestCard, StageChange, Submission, Team, User
from scripts.demo_history import build
from scripts.demo_posts import OPENERS_RU
from tests.bot.intake import add_source, publish_request
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]
BENCH_CSV = "name,stack,grade,rate\nIvan Petrov,React;TypeScript,senior,2400 ₽/ч\n"


def demo_requests(count: int) -> list[str]:
    """The first `count` request posts of the demo history, as the collector would read them."""
    texts = [e.text for e in build() if e.action == "post" and e.text.startswith(OPENERS_RU)]
    assert len(texts) >= count, "the demo history has fewer request posts than the day needs"
    return texts[:count]


async def invited(tg: TelegramHarness, admin: ChatUser, role_button: str, user_id: int,
                  name: str, role_word: str) -> ChatUser:
    await admin.send("/invite")
    assert admin.last_message.text == "Для какой роли создать приглашение?"
    await admin.press(role_button)
    link = admin.last_message.text
    assert link.startswith(f"Одноразовая ссылка для роли «{role_word}»")
    found = re.search(r"start=([\w-]+)", link)
    assert found is not None
    person = await tg.user(user_id, name)
    await person.send(f"/start {found.group(1)}")
    assert person.last_message.text.startswith(f"Здравствуйте, {name}! Ваша роль: {role_word}.")
    return person


async def one(session_factory: Factory, query: Any) -> Any:
    async with session_factory() as session:
        return await session.scalar(query)


def shown(chat: ChatUser, message_id: int) -> Any:
    """The message as it reads now (edits applied): a screen edited in place is not the
    newest message of the chat."""
    return next(m for m in chat.messages if m.message_id == message_id)


class TestWorkingDay:
    async def test_a_whole_day(
        self, tg: TelegramHarness, session_factory: Factory, redis: Any,
    ) -> None:
        admin = await tg.user(1, "Alla")
        await admin.send("/start")
        assert admin.last_message.text.startswith("Здравствуйте, Alla! Ваша роль: администратор.")

        # Morning: the admin brings the people in and makes a team.
        lead = await invited(tg, admin, "руководитель", 3003, "Lena", "руководитель")
        manager = await invited(tg, admin, "менеджер", 1001, "Anna", "менеджер")
        await admin.send("/teams")
        assert admin.last_message.text.startswith("Команды: 1")
        await admin.press("➕ Новая команда")
        assert admin.last_message.text.startswith("Название новой команды:")
        await admin.send("Sales")
        assert admin.last_message.text.startswith("Команда «Sales» создана.")
        sales = await one(session_factory, sa.select(Team.id).where(Team.name == "Sales"))
        assert sales is not None
        anna = await one(session_factory, sa.select(User).where(User.tg_user_id == manager.id))
        lena = await one(session_factory, sa.select(User).where(User.tg_user_id == lead.id))
        assert (anna.role, lena.role, anna.team_id) == ("manager", "lead", lena.team_id)

        # The demo's posts arrive.
        source_id = await add_source(session_factory, "@it_outstaff_requests")
        posts = demo_requests(4)  # the demo cross-posts its second request word for word
        for text in posts:
            await publish_request(session_factory, redis, source_id, text)
        distinct = len(set(posts))
        assert distinct == 3
        assert await one(session_factory, sa.select(sa.func.count()).select_from(
            RequestCard)) == distinct

        # The manager looks at the feed, then finds the React request by typing.
        await manager.send("/feed")
        assert manager.last_message.text == "Показано: 3"
        first_title = await one(session_factory, sa.select(RequestCard.title)
                                .order_by(RequestCard.id).limit(1))
        first_id = await one(session_factory, sa.select(RequestCard.id)
                             .order_by(RequestCard.id).limit(1))
        await manager.send("нужен react в финтех")
        found = manager.last_message
        assert found.text.startswith("Нашлось") and "🔔 Сохранить как поиск" in found.buttons
        assert found.buttons[0] == f"1. {first_title}"[:len(found.buttons[0])]
        await manager.press(found.buttons[0])
        feed_card = manager.last_message
        assert feed_card.text.startswith(first_title[:20]) and "📋 CRM" in feed_card.buttons
        await manager.press_data(feed_card.message_id, feed_card.callback_data[
            feed_card.buttons.index("📋 CRM")])
        crm = shown(manager, feed_card.message_id)  # the labelled card became the CRM card
        assert f"#{first_id}" in crm.text and "Ответственный: пока никто" in crm.text
        await manager.press("🤝 Взять в работу")
        taken = shown(manager, feed_card.message_id)
        assert "Ответственный: Anna · команда: main" in taken.text
        assert "Этап: в работе" in taken.text
        assert await one(session_factory, sa.select(RequestCard.owner_user_id)
                         .where(RequestCard.id == first_id)) == anna.id

        # She loads the bench from a file and proposes the developer.
        await manager.send_document("bench.csv", BENCH_CSV.encode())
        assert manager.last_message.text == "CSV загружен: добавлено 1, строк с ошибками 0."
        rate = await one(session_factory, sa.select(BenchDeveloper.rate_rub_hour))
        assert rate == 2400
        await manager.send(f"/req {first_id}")
        await manager.press("🎯 Подходящие разработчики")
        matches = manager.last_message
        assert "Ivan Petrov" in matches.text and "Предложить 1. Ivan Petrov" in matches.buttons
        await manager.press("Предложить 1. Ivan Petrov")
        assert manager.last_message.text == (
            f"Ivan Petrov предложен на #{first_id}. Назначить собеседование сейчас?")
        assert await one(session_factory, sa.select(Submission.status)) == "proposed"

        # Schedules the interview for tomorrow 10:00, holds it, wins.
        await manager.press("📅 Назначить собеседование")
        days = manager.last_message
        assert len(days.buttons) == 14
        await manager.press_data(days.message_id, days.callback_data[1])
        assert manager.last_message.text == "Выберите время (ваш часовой пояс):"
        await manager.press("10:00")
        assert manager.last_message.text.startswith("Собеседование назначено")
        assert not [b for b in manager.last_message.buttons if b.endswith("прошёл")]
        interview_id = await one(session_factory, sa.select(Interview.id))
        await manager.send("/interviews")
        assert manager.last_message.text.startswith("Собеседования на неделе: 1")
        assert "10:00 — Ivan Petrov" in manager.last_message.text
        async with session_factory() as session:  # the interview's time comes
            await session.execute(sa.update(Interview).values(
                scheduled_at=sa.func.now() - timedelta(minutes=5)))
            await session.commit()
        await manager.send(f"/req {first_id}")
        assert "Ivan Petrov: предстоит" in manager.last_message.text
        await manager.press("📅 Собеседования")
        await manager.press(f"#{interview_id} прошёл")
        assert manager.last_alert == "Итог сохранён"
        await manager.send(f"/req {first_id}")
        card = manager.last_message
        assert "Этап: оффер" in card.text and "Ivan Petrov — прошёл" in card.text
        await manager.press("→ выигран")
        assert "Этап: выигран" in manager.last_message.text
        moves = await one(session_factory, sa.select(sa.func.array_agg(StageChange.to_stage)))
        assert moves == ["in_work", "proposed", "interview", "offer", "won"]

        # She takes a second card; the lead hands it to himself.
        second_id = await one(session_factory, sa.select(RequestCard.id)
                              .order_by(RequestCard.id).offset(1).limit(1))
        await manager.send(f"/req {second_id}")
        await manager.press("🤝 Взять в работу")
        assert "👥 Передать" not in manager.last_message.buttons
        await lead.send("/team")
        assert lead.last_message.text.startswith("Запросы команды: 2")
        second_title = await one(session_factory, sa.select(RequestCard.title)
                                 .where(RequestCard.id == second_id))
        button = next(b for b in lead.last_message.buttons if b.startswith(second_title[:20]))
        await lead.press(button)
        assert "Ответственный: Anna" in lead.last_message.text
        await lead.press("👥 Передать")
        assert lead.last_message.text == f"Кому передать запрос #{second_id}?"
        await lead.press("Lena")
        assert lead.last_alert == "Передан: Lena"
        assert "Ответственный: Lena" in lead.last_message.text
        assert await one(session_factory, sa.select(RequestCard.owner_user_id)
                         .where(RequestCard.id == second_id)) == lena.id

        # Evening: the admin moves Anna to the new team; her won card stays hers.
        await admin.send("/users")
        assert admin.last_message.text == "Пользователи: 3"
        await admin.press("Anna · менеджер")
        await admin.press("🔀 Перевести в команду")
        assert admin.last_message.text == "В какую команду перевести Anna?"
        await admin.press("Sales")
        assert "команда: Sales" in admin.last_message.text
        assert await one(session_factory, sa.select(User.team_id)
                         .where(User.tg_user_id == manager.id)) == sales
        await manager.send("/my")
        assert manager.last_message.text.startswith("Мои запросы: 1")
        assert "выигран: 1" in manager.last_message.text
