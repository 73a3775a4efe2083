"""The client card as a person sees it: the sandbox web chat in headless Chromium, with a
screenshot under var/screens/ (git-ignored) to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm import client_lifecycle
from db.uow import UnitOfWork
from tests.bot.test_clients import _acme
from tests.bot.test_clients_features import acme_history
from tests.sandbox.test_webchat_browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.chat import ChatUser, TelegramHarness

SCREENS = Path(__file__).resolve().parents[2] / "var" / "screens"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed"),
]


async def test_the_client_card_renders_in_the_web_chat(
    tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async_api = pytest.importorskip("playwright.async_api", reason="playwright is not installed")
    await _acme(session_factory)
    await client_lifecycle.recompute(UnitOfWork(session_factory))
    await manager.send("/clients")
    SCREENS.mkdir(parents=True, exist_ok=True)
    await _shot(tg, manager, async_api, "clients_list.png")
    await manager.press("⚠ ACME · 5")
    async with async_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 900, "height": 1000})
        await page.goto(f"{tg.emu.chat_url}?user={manager.id}")
        card = page.locator(".message.incoming .text").last
        await card.wait_for(timeout=5000)
        text = await card.inner_text()
        await page.screenshot(path=str(SCREENS / "client_card.png"), full_page=True)
        await browser.close()
    assert "ACME" in text and "под угрозой" in text and "роль: frontend" in text


async def test_the_requests_and_our_work_block_renders_in_the_web_chat(
    tg: TelegramHarness, admin: ChatUser, manager: ChatUser,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async_api = pytest.importorskip("playwright.async_api", reason="playwright is not installed")
    await acme_history(session_factory, manager.id)
    await manager.send("/clients")
    await manager.press(next(b for b in manager.last_message.buttons if "ACME" in b))
    SCREENS.mkdir(parents=True, exist_ok=True)
    async with async_api.async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 900, "height": 1100})
        await page.goto(f"{tg.emu.chat_url}?user={manager.id}")
        card = page.locator(".message.incoming .text").last
        await card.wait_for(timeout=5000)
        text = await card.inner_text()
        await card.screenshot(path=str(SCREENS / "client_card_features.png"))
        await browser.close()
    # Bold came through as markup, not as literal tags.
    assert "📊 Запросы и наша работа" in text and "<b>" not in text
    assert "Наш первый отклик: медиана 2 ч" in text


async def _shot(tg: TelegramHarness, user: ChatUser, async_api: object, name: str) -> str:
    async with async_api.async_playwright() as playwright:  # type: ignore[attr-defined]
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 900, "height": 700})
        await page.goto(f"{tg.emu.chat_url}?user={user.id}")
        last = page.locator(".message.incoming .text").last
        await last.wait_for(timeout=5000)
        await page.screenshot(path=str(SCREENS / name))
        text = str(await last.inner_text())
        await browser.close()
    return text
