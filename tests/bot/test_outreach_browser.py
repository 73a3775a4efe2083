"""The follow-up chain and review screens in the sandbox's web chat, in headless Chromium: a
card's "write to the author", its preview, the started chain, the templates report and the
review queue; each is saved to var/screens/ to be looked at."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm.outreach_admin import sync_templates
from crm.outreach_chains import load_chains
from db.uow import UnitOfWork
from tests.bot.factories import make_card, make_source
from tests.bot.test_outreach_e2e import posted_by
from tests.support.browser import ARGS, CHROMIUM, SCREENS, press, say
from tests.support.chat import ChatUser, TelegramHarness

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="Chromium is not installed (apt-get install -y chromium)"),
]


async def test_the_chain_and_review_screens_render_in_the_web_chat(
    tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async_api = pytest.importorskip("playwright.async_api", reason="playwright is not installed")
    SCREENS.mkdir(parents=True, exist_ok=True)
    await sync_templates(UnitOfWork(session_factory), load_chains())
    card_id = await posted_by(session_factory, 700_200)
    source = await make_source(session_factory, username="devjobs")
    await make_card(session_factory, source, title="Middle Go, финтех", needs_review=True)
    polling = asyncio.create_task(tg.dp.start_polling(tg.bot, handle_signals=False,
                                                      polling_timeout=1))
    try:
        async with async_api.async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = await browser.new_page(viewport={"width": 900, "height": 1000})
            await page.goto(f"{tg.emu.chat_url}?user={manager.id}")
            await say(page, f"/req {card_id}", "Senior Python", "outreach_card.png")
            await press(page, "🤝 Взять в работу", "✉️ Написать автору", "outreach_taken.png")
            await press(page, "✉️ Написать автору", "Цепочка касаний", "outreach_preview.png")
            await press(page, "✅ Запустить", "Цепочка запущена", "outreach_started.png")
            await page.goto(f"{tg.emu.chat_url}?user={admin.id}")
            await say(page, "/outreach", "Шаблоны", "outreach_report.png")
            await say(page, "/review", "На проверке", "review_queue.png")
            await browser.close()
    finally:
        await tg.dp.stop_polling()
        await polling
    assert {"outreach_preview.png", "outreach_started.png", "outreach_report.png",
            "review_queue.png"} <= {p.name for p in SCREENS.glob("*.png")}
