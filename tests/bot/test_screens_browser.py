"""The #12 screens in the sandbox's web chat, in headless Chromium: the CRM card, paging,
the team screens and the bench; each is saved to var/screens/ to be looked at."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import bench, pipeline, proposals
from db.models import Interview
from db.records.bench import BenchDraft
from tests.bot.conftest import join
from tests.bot.factories import make_card, make_source
from tests.bot.people import record_of, uow_of
from tests.support.browser import ARGS, CHROMIUM, SCREENS, press, say
from tests.support.chat import ChatUser, TelegramHarness

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="Chromium is not installed (apt-get install -y chromium)"),
]


async def _arrange(tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
                   session_factory: async_sessionmaker[AsyncSession]) -> int:
    source = await make_source(session_factory)
    for n in range(31):
        await make_card(session_factory, source, title=f"Java backend {n:02d}")
    card_id = await make_card(session_factory, source, title="Senior Python для финтеха",
                              text="Ищем senior Python, Django, удалёнка, 6 месяцев")
    anna = await record_of(tg, manager)
    for name, grade in (("Olga Smirnova", "senior"), ("Ivan Petrov", "middle")):
        await bench.add(uow_of(tg), anna, BenchDraft(
            name=name, stack=("Python", "Django"), grade=grade, rate_min=Decimal(2600),
            rate_currency="RUB", rate_period="hour"))
    await pipeline.take(uow_of(tg), anna, card_id)
    [olga, *_] = await proposals.for_request(uow_of(tg), anna, card_id)
    await proposals.propose(uow_of(tg), anna, card_id, olga.developer.id)
    await join(tg, admin, 3003, "Lena", role="lead")
    async with session_factory() as session:
        await session.execute(sa.update(Interview).values(scheduled_at=sa.func.now()
                                                          + timedelta(days=1)))
        await session.commit()
    return card_id


async def test_the_screens_render_in_the_web_chat(
    tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async_api = pytest.importorskip("playwright.async_api", reason="playwright is not installed")
    SCREENS.mkdir(parents=True, exist_ok=True)
    card_id = await _arrange(tg, admin, manager, session_factory)
    polling = asyncio.create_task(tg.dp.start_polling(tg.bot, handle_signals=False,
                                                      polling_timeout=1))
    try:
        async with async_api.async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = await browser.new_page(viewport={"width": 900, "height": 900})
            await page.goto(f"{tg.emu.chat_url}?user={manager.id}")
            await say(page, f"/req {card_id}", "Ответственный: Anna", "crm_card.png")
            await press(page, "🎯 Подходящие разработчики", "Предложить 2.", "matches.png")
            await say(page, "/bench", "Бенч", "bench.png")
            await press(page, "➕ Добавить разработчика", "Новый разработчик", "bench_form.png")
            await press(page, "✏️ Имя", "Имя разработчика?", "bench_form_ask.png")
            await say(page, "Pavel Orlov", "Имя: Pavel Orlov", "bench_form_name.png")
            await press(page, "✏️ Ставка", "Ставка, как обычно пишете", "bench_form_rate.png")
            await say(page, "от 250к в месяц", "250 000 RUB", "bench_form_filled.png")
            await page.goto(f"{tg.emu.chat_url}?user={admin.id}")
            await say(page, "/team", "1–20 из 32", "team_page1.png")
            await press(page, "▶", "21–32 из 32", "team_page2.png")
            await say(page, "/teams", "Команды", "teams.png")
            await say(page, "/users", "Пользователи: 3", "users.png")
            await press(page, "Anna · менеджер", "команда: main", "member.png")
            await press(page, "📡 Источники", "видит эти источники", "source_scope.png")
            await browser.close()
    finally:
        await tg.dp.stop_polling()
        await polling
    assert {"crm_card.png", "bench_form_filled.png", "team_page2.png", "member.png"} <= {
        p.name for p in SCREENS.glob("*.png")}
