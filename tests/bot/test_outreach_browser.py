"""The follow-up chain and review screens in the sandbox's web chat, in headless Chromium: a
card's "write to the author", its preview, the started chain, the templates report and the
review queue; each is saved to var/screens/ to be looked at."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm.outreach_admin import sync_templates
from crm.outreach_chains import load_chains
from db.uow import UnitOfWork
from tests.bot.factories import make_card, make_source
from tests.bot.test_outreach_e2e import posted_by
from tests.support.chat import ChatUser, TelegramHarness

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENS = Path(__file__).resolve().parents[2] / "var" / "screens"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="Chromium is not installed (apt-get install -y chromium)"),
]


async def _shot(page: Any, wait_for: str, name: str) -> None:
    await page.get_by_text(wait_for).last.wait_for(timeout=8000)
    await asyncio.sleep(0.3)
    await page.screenshot(path=str(SCREENS / name), full_page=True)


async def _say(page: Any, text: str, wait_for: str, name: str) -> None:
    await page.fill("#composer-input", text)
    await page.click("#send-button")
    await _shot(page, wait_for, name)


async def _press(page: Any, button: str, wait_for: str, name: str) -> None:
    await page.get_by_role("button", name=button).last.click()
    await _shot(page, wait_for, name)


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
            await _say(page, f"/req {card_id}", "Senior Python", "outreach_card.png")
            await _press(page, "🤝 Взять в работу", "✉️ Написать автору", "outreach_taken.png")
            await _press(page, "✉️ Написать автору", "Цепочка касаний", "outreach_preview.png")
            await _press(page, "✅ Запустить", "Цепочка запущена", "outreach_started.png")
            await page.goto(f"{tg.emu.chat_url}?user={admin.id}")
            await _say(page, "/outreach", "Шаблоны", "outreach_report.png")
            await _say(page, "/review", "На проверке", "review_queue.png")
            await browser.close()
    finally:
        await tg.dp.stop_polling()
        await polling
    assert {"outreach_preview.png", "outreach_started.png", "outreach_report.png",
            "review_queue.png"} <= {p.name for p in SCREENS.glob("*.png")}
