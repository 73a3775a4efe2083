"""Double taps create one thing: the same button of the same screen pressed twice (at once, or
again a moment later) makes one search and one interview with one set of reminders."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import bench
from db.models import Interview, SavedSearch
from db.records.bench import BenchDraft
from db.uow import UnitOfWork
from tests.bot.factories import make_card, make_source
from tests.bot.test_crm_flow import Planner, _record
from tests.support.chat import ChatUser, TelegramHarness

Factory = async_sessionmaker[AsyncSession]


async def _count(session_factory: Factory, model: type) -> int:
    async with session_factory() as session:
        return int(await session.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


async def _tap_twice(user: ChatUser, label: str) -> None:
    """Two taps at once and a third a moment later, all on the screen as it was shown (a
    client may send presses of a screen the bot has already replaced)."""
    message_id, button = user.tg.emu.find_button(user.id, label)
    taps = [user.tg.emu.callback_update(user.id, message_id, button["callback_data"])
            for _ in range(3)]
    await asyncio.gather(user.tg.feed(taps[0]), user.tg.feed(taps[1]))
    await user.tg.feed(taps[2])


class TestDoubleTap:
    async def test_save_search_twice_makes_one_search(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        await manager.send("/feed")
        await manager.press("Грейд")
        await manager.press("senior")
        await manager.press("✅ Готово")
        await _tap_twice(manager, "🔔 Сохранить как поиск")
        assert await _count(session_factory, SavedSearch) == 1
        assert manager.last_alert is not None and "Уже сделано" in manager.last_alert

    async def test_the_interview_time_twice_makes_one_interview_and_one_plan(
        self, tg: TelegramHarness, manager: ChatUser, session_factory: Factory,
    ) -> None:
        planner = Planner()
        tg.dp["crm_jobs"] = planner
        card_id = await make_card(session_factory, await make_source(session_factory),
                                  title="Python middle")
        await bench.add(UnitOfWork(session_factory), await _record(tg, manager),
                        BenchDraft(name="Olga", stack=("Python",)))
        await manager.send(f"/req {card_id}")
        for button in ("🤝 Взять в работу", "🎯 Подходящие разработчики"):
            await manager.press(button)
        await _tap_twice(manager, "Предложить 1. Olga")
        await manager.press("📅 Назначить собеседование")
        days = manager.last_message
        await manager.press_data(days.message_id, days.callback_data[1])
        await _tap_twice(manager, "10:00")
        assert await _count(session_factory, Interview) == 1
        assert len(planner.planned) == 1
