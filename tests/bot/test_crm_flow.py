"""The CRM through the real Dispatcher and the sandbox: take → propose → schedule → reminder →
outcome, and a manager of another team who can do none of it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.callbacks_crm import (
    DayCb,
    OutcomeCb,
    PipeAction,
    PipeCb,
    ProposeCb,
    Stage,
    StageCb,
    TimeCb,
)
from bot.delivery.pacing import SendPacer
from bot.delivery.senders import TelegramSender
from crm import bench, interviews
from crm.outbox import deliver_next
from db.models import Interview, Notification, RequestCard, Submission, Team
from db.records.bench import BenchDraft
from db.records.pipeline import InterviewRecord
from db.records.users import UserRecord
from db.repositories.users import UserRepo
from db.uow import UnitOfWork
from tests.bot.conftest import join
from tests.bot.factories import make_card, make_source
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]
REFUSED = "Извините, у вас нет доступа"
SCHEDULE = "📅 Назначить собеседование"


class Planner:
    def __init__(self) -> None:
        self.planned: list[InterviewRecord] = []

    def plan(self, interview: InterviewRecord) -> None:
        self.planned.append(interview)


async def _record(tg: TelegramHarness, chat: ChatUser) -> UserRecord:
    uow = UnitOfWork(tg.dp["session_factory"])
    async with uow:
        found = await uow.repo(UserRepo).by_tg_id(chat.id)
    assert found is not None
    return found


async def _other_team(tg: TelegramHarness, admin: ChatUser, session_factory: Factory) -> ChatUser:
    other = await join(tg, admin, 2002, "Boris")
    async with session_factory() as session:
        team = Team(name="other")
        session.add(team)
        await session.flush()
        record = await _record(tg, other)
        await UserRepo(session).update(record.id, team_id=team.id)
        await session.commit()
    return other


async def _held(tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
                card_id: int) -> None:
    """The interview's time passes (an outcome is refused before it); the card's Interviews
    screen is opened again, now with the outcome buttons."""
    async with session_factory() as session:
        await session.execute(sa.update(Interview).values(
            scheduled_at=sa.func.now() - timedelta(hours=1)))
        await session.commit()
    await manager.send(f"/req {card_id}")
    await manager.press("📅 Собеседования")


async def _stage(session_factory: Factory, card_id: int) -> str:
    async with session_factory() as session:
        return str(await session.scalar(sa.select(RequestCard.stage)
                                        .where(RequestCard.id == card_id)))


async def _interview_set(tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
                         planner: Planner) -> int:
    """A taken card with a developer proposed and interviewed tomorrow at 10:00; its id."""
    tg.dp["crm_jobs"] = planner
    card_id = await make_card(session_factory, await make_source(session_factory),
                              title="Python middle")
    await bench.add(UnitOfWork(session_factory), await _record(tg, manager),
                    BenchDraft(name="Olga", stack=("Python",)))
    await manager.send(f"/req {card_id}")
    for button in ("🤝 Взять в работу", "🎯 Подходящие разработчики", "Предложить 1. Olga",
                   SCHEDULE):
        await manager.press(button)
    days = manager.last_message
    await manager.press_data(days.message_id, days.callback_data[1])
    await manager.press("10:00")
    return card_id


class TestCrmFlow:
    async def test_take_propose_schedule_remind_and_record_the_outcome(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        planner = Planner()
        tg.dp["crm_jobs"] = planner
        source = await make_source(session_factory)
        card_id = await make_card(session_factory, source, title="Python senior")
        await bench.add(UnitOfWork(session_factory), await _record(tg, manager), BenchDraft(
            name="Ivan", stack=("Python",), grade="middle", rate_min=Decimal(1800),
            rate_currency="RUB", rate_period="hour"))

        await manager.send(f"/req {card_id}")
        await manager.press("🤝 Взять в работу")
        assert "Этап: в работе" in manager.last_message.text
        await manager.press("🎯 Подходящие разработчики")
        screen = manager.last_message
        assert "Ivan" in screen.text and "стек подходит" in screen.text
        await manager.press("Предложить 1. Ivan")
        assert await _stage(session_factory, card_id) == "proposed"
        assert manager.last_message.buttons == [SCHEDULE, "Позже"]
        await manager.press(SCHEDULE)

        picker = manager.last_message
        assert len(picker.callback_data) == 14
        assert DayCb.unpack(picker.callback_data[1]).day == 1
        await manager.press_data(picker.message_id, picker.callback_data[1])
        await manager.press("10:00")
        assert "Собеседование назначено" in manager.last_message.text
        assert await _stage(session_factory, card_id) == "interview"
        [interview] = planner.planned
        assert interview.timezone == "Europe/Moscow"

        uow = UnitOfWork(session_factory)
        assert await interviews.send_reminder(uow, interview.id, timedelta(hours=1))
        sender = TelegramSender(tg.bot, tg.dp["translator"], SendPacer())
        assert await deliver_next(uow, sender) is not None
        async with session_factory() as session:
            status = await session.scalar(sa.select(Notification.status))
        assert status == "sent"
        reminder = manager.last_message.text
        assert reminder.startswith("⏰ Собеседование по «")
        assert "Python senior" in reminder

        await _held(tg, manager, session_factory, card_id)
        await manager.press(f"#{interview.id} прошёл")
        assert await _stage(session_factory, card_id) == "offer"
        assert any(f"#{interview.id}" in m.text and "прошёл" in m.text for m in manager.messages)

    async def test_an_interview_is_moved_with_the_same_pickers(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        planner = Planner()
        card_id = await _interview_set(tg, manager, session_factory, planner)
        [first] = planner.planned

        await manager.press(f"#{first.id} перенести")
        picker = manager.last_message
        assert len(picker.callback_data) == 14
        assert DayCb.unpack(picker.callback_data[2]).interview_id == first.id
        await manager.press_data(picker.message_id, picker.callback_data[2])
        await manager.press("15:30")
        assert "Собеседование перенесено" in manager.last_message.text
        [_, moved] = planner.planned
        assert moved.id == first.id
        assert moved.scheduled_at - first.scheduled_at == timedelta(days=1, hours=5, minutes=30)
        async with session_factory() as session:
            assert await session.scalar(sa.select(sa.func.count()).select_from(Interview)) == 1
            assert await session.scalar(sa.select(Interview.scheduled_at)) == moved.scheduled_at
        assert await _stage(session_factory, card_id) == "interview"
        await _held(tg, manager, session_factory, card_id)
        await manager.press(f"#{first.id} прошёл")
        assert await _stage(session_factory, card_id) == "offer"

    async def test_a_manager_of_another_team_can_do_none_of_it(
        self, tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
        session_factory: Factory,
    ) -> None:
        source = await make_source(session_factory)
        card_id = await make_card(session_factory, source, title="Go lead")
        own_card = await make_card(session_factory, source, title="Boris's own")
        dev = await bench.add(UnitOfWork(session_factory), await _record(tg, manager),
                              BenchDraft(name="Ivan", stack=("Python",)))
        await manager.send(f"/req {card_id}")
        await manager.press("🤝 Взять в работу")
        await manager.press("🎯 Подходящие разработчики")
        await manager.press("Предложить 1. Ivan")
        await manager.press(SCHEDULE)
        picker = manager.last_message
        await manager.press_data(picker.message_id, picker.callback_data[1])
        await manager.press("10:00")
        async with session_factory() as session:
            submission_id = await session.scalar(sa.select(Submission.id))
            interview_id = await session.scalar(sa.select(Interview.id))
        assert submission_id is not None and interview_id is not None

        other = await _other_team(tg, admin, session_factory)
        await other.send(f"/req {card_id}")
        assert other.last_message.text.startswith(REFUSED)
        await other.send(f"/req {own_card}")
        screen = other.last_message.message_id
        forged = [
            PipeCb(action=PipeAction.take, card_id=card_id),
            StageCb(card_id=card_id, stage=Stage.lost),
            PipeCb(action=PipeAction.match, card_id=card_id),
            ProposeCb(card_id=card_id, developer_id=dev.id),
            TimeCb(submission_id=submission_id, day=2, minute=600),
            TimeCb(submission_id=submission_id, day=3, minute=660, interview_id=interview_id),
            OutcomeCb(interview_id=interview_id, outcome="failed"),
        ]
        for data in forged:
            await other.forge_press(screen, data.pack())
            assert (other.last_alert or "").startswith(REFUSED), data
        assert await _stage(session_factory, card_id) == "interview"
        async with session_factory() as session:
            assert await session.scalar(sa.select(sa.func.count()).select_from(Interview)) == 1
            assert await session.scalar(sa.select(Interview.outcome)) is None
